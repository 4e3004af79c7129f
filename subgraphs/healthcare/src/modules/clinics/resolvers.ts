import { and, asc, eq, isNull } from 'drizzle-orm';
import { isUniqueViolation } from '@psa/db';
import { badInput, conflict, forbidden, latitude, loadTypeDefs, longitude, notFound, optionalText, requiredText, type SubgraphModule } from '@psa/subgraph-kit';
import type { HealthcareContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { assertClinicRole, clinicOrNotFound, serviceBySlug } from './access';
import { clinicHours, clinics, clinicServices, clinicStaff, emergencyFlags, services, vets } from './tables';
import { searchClinics } from './search';
import * as rules from './rules';

const MAX_SPECIES = 5;

function ratingOf(rows: { rating: number; count: number }[]) {
  return { rating: rows[0] ? Math.round(rows[0].rating * 100) / 100 : null, reviewCount: rows[0]?.count ?? 0 };
}

export const clinicsModule: SubgraphModule = {
  name: 'clinics',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      clinics: (_, { search, limit }, ctx) => searchClinics(ctx.db, search, limit ?? 20),
      clinic: (_, { id }, ctx) => ctx.loaders.clinicById.load(id),
      clinicBySlug: async (_, { slug }, ctx) => {
        const [clinic] = await ctx.db.select().from(clinics).where(eq(clinics.slug, slug)).limit(1);
        return clinic ?? null;
      },
      services: (_, __, ctx) => ctx.db.select().from(services).orderBy(asc(services.id)),
      clinicStaff: async (_, { clinicId }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'list its staff');
        return ctx.db.select().from(clinicStaff).where(eq(clinicStaff.clinicId, clinicId)).orderBy(asc(clinicStaff.createdAt));
      },
    },
    Mutation: {
      createClinic: async (_, { input }, ctx) => {
        ctx.viewer.requireSubject();
        if (!ctx.viewer.isAdmin) throw forbidden('only admins onboard clinics');
        const homeVisitEnabled = input.homeVisitEnabled ?? false;
        if (homeVisitEnabled && input.homeVisitRadiusKm == null) throw badInput('input.homeVisitRadiusKm', 'is required when homeVisitEnabled');
        const values = {
          name: requiredText('input.name', input.name, 200),
          slug: rules.slug('input.slug', input.slug),
          description: optionalText('input.description', input.description, 5000),
          phone: rules.phone('input.phone', input.phone),
          email: rules.optionalEmail('input.email', input.email),
          websiteUrl: rules.optionalUrl('input.websiteUrl', input.websiteUrl),
          logoUrl: rules.optionalUrl('input.logoUrl', input.logoUrl),
          addressLine1: requiredText('input.addressLine1', input.addressLine1, 255),
          addressLine2: optionalText('input.addressLine2', input.addressLine2, 255),
          city: requiredText('input.city', input.city, 100),
          state: requiredText('input.state', input.state, 50),
          postalCode: requiredText('input.postalCode', input.postalCode, 20),
          country: optionalText('input.country', input.country, 50) ?? 'US',
          latitude: latitude('input.latitude', input.latitude),
          longitude: longitude('input.longitude', input.longitude),
          timezone: rules.timezone('input.timezone', input.timezone),
          cancellationPolicy: optionalText('input.cancellationPolicy', input.cancellationPolicy),
          parkingNotes: optionalText('input.parkingNotes', input.parkingNotes),
          acceptsEmergency: input.acceptsEmergency ?? false,
          homeVisitEnabled,
          homeVisitRadiusKm: input.homeVisitRadiusKm == null ? null : rules.radiusKm('input.homeVisitRadiusKm', input.homeVisitRadiusKm),
        };
        const adminUserId = requiredText('input.adminUserId', input.adminUserId, 255);
        const [clinic] = await ctx.db.insert(clinics).values(values).onConflictDoNothing({ target: clinics.slug }).returning();
        if (!clinic) throw conflict('input.slug', `a clinic already has the slug "${values.slug}"`);
        await ctx.db.insert(clinicStaff).values({ clinicId: clinic.id, userId: adminUserId, role: 'ADMIN', isPrimary: true });
        return clinic;
      },
      updateClinic: async (_, { id, input }, ctx) => {
        const clinic = await clinicOrNotFound(ctx, id);
        await assertClinicRole(ctx, id, ['ADMIN'], 'change the clinic');
        const homeVisitEnabled = input.homeVisitEnabled ?? clinic.homeVisitEnabled;
        const homeVisitRadiusKm =
          input.homeVisitRadiusKm === undefined
            ? clinic.homeVisitRadiusKm
            : input.homeVisitRadiusKm === null
              ? null
              : rules.radiusKm('input.homeVisitRadiusKm', input.homeVisitRadiusKm);
        if (homeVisitEnabled && homeVisitRadiusKm === null) throw badInput('input.homeVisitRadiusKm', 'is required when homeVisitEnabled');
        const changes = {
          ...(input.name != null && { name: requiredText('input.name', input.name, 200) }),
          ...(input.description !== undefined && { description: optionalText('input.description', input.description, 5000) }),
          ...(input.phone != null && { phone: rules.phone('input.phone', input.phone) }),
          ...(input.email !== undefined && { email: rules.optionalEmail('input.email', input.email) }),
          ...(input.websiteUrl !== undefined && { websiteUrl: rules.optionalUrl('input.websiteUrl', input.websiteUrl) }),
          ...(input.cancellationPolicy !== undefined && { cancellationPolicy: optionalText('input.cancellationPolicy', input.cancellationPolicy) }),
          ...(input.parkingNotes !== undefined && { parkingNotes: optionalText('input.parkingNotes', input.parkingNotes) }),
          ...(input.acceptsEmergency != null && { acceptsEmergency: input.acceptsEmergency }),
          ...(input.isActive != null && { isActive: input.isActive }),
          homeVisitEnabled,
          homeVisitRadiusKm,
        };
        const [updated] = await ctx.db.update(clinics).set(changes).where(eq(clinics.id, id)).returning();
        return updated!;
      },
      setClinicHours: async (_, { clinicId, hours }, ctx) => {
        const clinic = await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'set its hours');
        const seen = new Set<number>();
        const rows = hours.map((h, i) => {
          const day = rules.dayOfWeek(`hours[${i}].dayOfWeek`, h.dayOfWeek);
          if (seen.has(day)) throw badInput(`hours[${i}].dayOfWeek`, `day ${day} is listed twice`);
          seen.add(day);
          const [openTime, closeTime] = rules.timeRange(`hours[${i}].openTime`, h.openTime, `hours[${i}].closeTime`, h.closeTime);
          return { clinicId, dayOfWeek: day, openTime, closeTime, isClosed: h.isClosed ?? false };
        });
        await ctx.db.delete(clinicHours).where(eq(clinicHours.clinicId, clinicId));
        if (rows.length > 0) await ctx.db.insert(clinicHours).values(rows);
        return clinic;
      },
      offerService: async (_, { clinicId, input }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'change its services');
        const service = await serviceBySlug(ctx, 'input.service', input.service);
        const species = input.acceptedSpecies ?? null;
        if (species && (species.length === 0 || species.length > MAX_SPECIES))
          throw badInput('input.acceptedSpecies', `list 1 to ${MAX_SPECIES} species, or leave it out for every species`);
        const values = {
          clinicId,
          serviceId: service.id,
          durationMin: rules.wholeNumberBetween('input.durationMin', input.durationMin, 5, 480)!,
          priceCents: rules.wholeNumberBetween('input.priceCents', input.priceCents, 0, 10_000_000),
          acceptedSpecies: species ? [...new Set(species)] : null,
          isActive: input.isActive ?? true,
        };
        const [offer] = await ctx.db
          .insert(clinicServices)
          .values(values)
          .onConflictDoUpdate({ target: [clinicServices.clinicId, clinicServices.serviceId], set: values })
          .returning();
        return { offer: offer!, service };
      },
      createVet: async (_, { input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const userId = requiredText('input.userId', input.userId, 255);
        if (userId !== subject && !ctx.viewer.isAdmin) throw forbidden('a vet creates their own profile; admins anyone’s');
        try {
          const [vet] = await ctx.db
            .insert(vets)
            .values({
              userId,
              displayName: requiredText('input.displayName', input.displayName, 200),
              licenseNumber: optionalText('input.licenseNumber', input.licenseNumber, 100),
              licenseState: optionalText('input.licenseState', input.licenseState, 50),
              specialty: optionalText('input.specialty', input.specialty, 100),
              yearsExperience: rules.wholeNumberBetween('input.yearsExperience', input.yearsExperience, 0, 80),
              bio: optionalText('input.bio', input.bio, 5000),
              photoUrl: rules.optionalUrl('input.photoUrl', input.photoUrl),
            })
            .onConflictDoNothing({ target: vets.userId })
            .returning();
          if (!vet) throw conflict('input.userId', `${userId} already has a vet profile`);
          return vet;
        } catch (error) {
          if (isUniqueViolation(error)) throw conflict('input.userId', `${userId} already has a vet profile`);
          throw error;
        }
      },
      addClinicStaff: async (_, { clinicId, input }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'add staff');
        const userId = requiredText('input.userId', input.userId, 255);
        let vetId: string | null = null;
        if (input.role === 'VET') {
          if (!input.vetId) throw badInput('input.vetId', 'is required for role vet');
          const vet = await ctx.loaders.vetById.load(input.vetId);
          if (!vet) throw notFound('Vet', input.vetId);
          if (vet.userId !== userId) throw badInput('input.vetId', `vet ${vet.id} is the profile of another user`);
          vetId = vet.id;
        } else if (input.vetId) throw badInput('input.vetId', 'is only for role vet');
        const values = { clinicId, userId, role: input.role, vetId, isPrimary: input.isPrimary ?? false, removedAt: null };
        const [member] = await ctx.db
          .insert(clinicStaff)
          .values(values)
          .onConflictDoUpdate({ target: [clinicStaff.clinicId, clinicStaff.userId], set: values })
          .returning();
        return member!;
      },
      removeClinicStaff: async (_, { clinicId, userId }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'remove staff');
        const [member] = await ctx.db
          .update(clinicStaff)
          .set({ removedAt: new Date() })
          .where(and(eq(clinicStaff.clinicId, clinicId), eq(clinicStaff.userId, userId), isNull(clinicStaff.removedAt)))
          .returning();
        if (!member) throw notFound('ClinicStaffMember', `${userId} at clinic ${clinicId}`);
        return member;
      },
      raiseEmergencyFlag: async (_, { clinicId, input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'set its emergency status');
        if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
          throw badInput('input.expiresAt', `must be in the future, got ${input.expiresAt.toISOString()}`);
        // One status at a time: the new flag replaces those in force.
        await ctx.db
          .update(emergencyFlags)
          .set({ isActive: false })
          .where(and(eq(emergencyFlags.clinicId, clinicId), eq(emergencyFlags.isActive, true)));
        const [flag] = await ctx.db
          .insert(emergencyFlags)
          .values({
            clinicId,
            flagType: input.flagType,
            message: optionalText('input.message', input.message, 500),
            expiresAt: input.expiresAt ?? null,
            createdBy: subject,
          })
          .returning();
        return flag!;
      },
      clearEmergencyFlag: async (_, { id }, ctx) => {
        const [flag] = await ctx.db.select().from(emergencyFlags).where(eq(emergencyFlags.id, id)).limit(1);
        if (!flag) throw notFound('EmergencyFlag', id);
        await assertClinicRole(ctx, flag.clinicId, ['ADMIN'], 'clear its emergency flags');
        const [cleared] = await ctx.db.update(emergencyFlags).set({ isActive: false }).where(eq(emergencyFlags.id, id)).returning();
        return cleared!;
      },
    },
    Clinic: {
      __resolveReference: (ref: { id: string }, ctx: HealthcareContext) => ctx.loaders.clinicById.load(ref.id),
      openNow: async (clinic, _, ctx) => (await ctx.loaders.clinicNowById.load(clinic.id))?.openNow ?? false,
      acceptingEmergencyNow: async (clinic, _, ctx) => (await ctx.loaders.clinicNowById.load(clinic.id))?.acceptingEmergencyNow ?? false,
      rating: async (clinic, _, ctx) => ratingOf(await ctx.loaders.clinicRatingById.load(clinic.id)).rating,
      reviewCount: async (clinic, _, ctx) => ratingOf(await ctx.loaders.clinicRatingById.load(clinic.id)).reviewCount,
      hours: (clinic, _, ctx) => ctx.loaders.hoursByClinicId.load(clinic.id),
      services: (clinic, _, ctx) => ctx.loaders.servicesByClinicId.load(clinic.id),
      vets: async (clinic, _, ctx) => (await ctx.loaders.vetsByClinicId.load(clinic.id)).map((r) => r.vet),
      emergencyFlags: (clinic, _, ctx) => ctx.loaders.flagsByClinicId.load(clinic.id),
    },
    ClinicHours: { openTime: (h) => rules.hhmm(h.openTime), closeTime: (h) => rules.hhmm(h.closeTime) },
    ClinicService: {
      id: (s) => s.offer.id,
      service: (s) => s.service,
      durationMin: (s) => s.offer.durationMin,
      priceCents: (s) => s.offer.priceCents,
      acceptedSpecies: (s) => s.offer.acceptedSpecies as never,
      isActive: (s) => s.offer.isActive,
    },
    Vet: {
      rating: async (vet, _, ctx) => ratingOf(await ctx.loaders.vetRatingById.load(vet.id)).rating,
      reviewCount: async (vet, _, ctx) => ratingOf(await ctx.loaders.vetRatingById.load(vet.id)).reviewCount,
    },
    ClinicStaffMember: { vet: (m, _, ctx) => (m.vetId ? ctx.loaders.vetById.load(m.vetId) : null) },
  } satisfies Resolvers,
};
