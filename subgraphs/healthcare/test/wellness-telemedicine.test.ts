import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { healthcare } from '../src';
import { addMonths, CONSULTATION_TRANSITIONS } from '../src/modules/telemedicine/rules';
import { firstBillingDate } from '../src/modules/wellness/rules';
import { assertTransition } from '@psa/subgraph-kit';
import { copiedOwner, copiedPet, daysFromToday, ok, refusal } from './fixtures';

/** healthcare's wellness plans, telemedicine and vet network, in process on a throwaway PGlite. */
let subject: SubgraphUnderTest;
const admin = { subject: 'admin-1', roles: ['admin'] };
const vet = { subject: 'vet-1', roles: ['telemedicine_vet'] };
const stranger = { subject: 'wt-stranger' };

const SUBSCRIBE_WELLNESS = `mutation($i: SubscribeWellnessPlanInput!) { subscribeWellnessPlan(input: $i) {
  id tier status monthlyPriceCents includedServices startDate nextBillingDate cancelledAt } }`;
const CANCEL_WELLNESS = `mutation($id: ID!) { cancelWellnessPlan(id: $id) { status nextBillingDate cancelledAt } }`;
const SUBSCRIBE_MEDICAL = `mutation($i: SubscribeMedicalPlanInput!) { subscribeMedicalPlan(input: $i) {
  id plan status monthlyPriceCents services startDate nextBillingDate } }`;
const SCHEDULE = `mutation($i: ScheduleTelemedicineConsultationInput!) { scheduleTelemedicineConsultation(input: $i) {
  id status providerId providerName duration consultationType } }`;
const MOVE = `mutation($i: ChangeConsultationStatusInput!) { changeConsultationStatus(input: $i) { status notes prescriptionsIssued completedAt } }`;
const ADD_PROVIDER = `mutation($i: VetNetworkProviderInput!) { addVetNetworkProvider(input: $i) { id name active networkTier } }`;

beforeAll(async () => {
  subject = await subgraphUnderTest(healthcare);
  await copiedOwner(subject, stranger.subject);
}, 60_000);
afterAll(() => subject?.close());

/** An owner of their own (subject unique to the test) with a live pet. */
async function ownerWithPet(name: string) {
  const caller = { subject: `wt-${name}` };
  const ownerId = await copiedOwner(subject, caller.subject);
  return { caller, ownerId, petId: await copiedPet(subject, ownerId) };
}

async function provider(name: string, active = true) {
  const { addVetNetworkProvider } = ok(await subject.run(ADD_PROVIDER, { i: { name, networkTier: 'PREFERRED', acceptsDirectBilling: true } }, admin));
  if (!active)
    ok(await subject.run(`mutation($id: ID!) { setVetNetworkProviderActive(id: $id, active: false) { id } }`, { id: addVetNetworkProvider.id }, admin));
  return addVetNetworkProvider.id as string;
}

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('wellness plans', () => {
  it('subscribe a live pet at the tier price, first billed a month after the start, and cancel', async () => {
    const { caller, petId } = await ownerWithPet('wellness-owner');
    const start = daysFromToday(3);
    const { subscribeWellnessPlan: plan } = ok(await subject.run(SUBSCRIBE_WELLNESS, { i: { petId, tier: 'PLUS', startDate: start } }, caller));
    expect(plan).toMatchObject({
      tier: 'PLUS',
      status: 'ACTIVE',
      monthlyPriceCents: 3_499,
      startDate: start,
      nextBillingDate: firstBillingDate(start),
      cancelledAt: null,
    });
    expect(plan.includedServices).toContain('parasite prevention');
    expect(refusal(await subject.run(SUBSCRIBE_WELLNESS, { i: { petId, tier: 'ESSENTIAL' } }, caller))).toEqual({ code: 'CONFLICT', field: 'input.petId' });
    const read = ok(
      await subject.run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { wellnessPlans { id } } } }`,
        {
          r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, caller.subject) }],
        },
        caller,
      ),
    );
    expect(read._entities[0].wellnessPlans).toEqual([{ id: plan.id }]);
    const { cancelWellnessPlan } = ok(await subject.run(CANCEL_WELLNESS, { id: plan.id }, caller));
    expect(cancelWellnessPlan).toMatchObject({ status: 'CANCELLED', nextBillingDate: null });
    expect(cancelWellnessPlan.cancelledAt).toBeTruthy();
    expect(refusal(await subject.run(CANCEL_WELLNESS, { id: plan.id }, caller))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it("refuse another owner's pet and plan (FORBIDDEN), a dead pet and a bad start date (BAD_USER_INPUT naming the field)", async () => {
    const { caller, ownerId, petId } = await ownerWithPet('wellness-guarded');
    expect(refusal(await subject.run(SUBSCRIBE_WELLNESS, { i: { petId, tier: 'ESSENTIAL' } }, stranger)).code).toBe('FORBIDDEN');
    const dead = await copiedPet(subject, ownerId, { status: 'DECEASED' });
    expect(refusal(await subject.run(SUBSCRIBE_WELLNESS, { i: { petId: dead, tier: 'ESSENTIAL' } }, caller))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.petId',
    });
    for (const startDate of [daysFromToday(-1), daysFromToday(91)]) {
      expect(refusal(await subject.run(SUBSCRIBE_WELLNESS, { i: { petId, tier: 'ESSENTIAL', startDate } }, caller))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.startDate',
      });
    }
    const { subscribeWellnessPlan: plan } = ok(await subject.run(SUBSCRIBE_WELLNESS, { i: { petId, tier: 'COMPLETE' } }, caller));
    expect(refusal(await subject.run(CANCEL_WELLNESS, { id: plan.id }, stranger)).code).toBe('FORBIDDEN');
  });
});

describe('telemedicine', () => {
  it('bills a month after subscribing (end of month clamps), and lets consultations move only along the table', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-12-15T00:00:00Z'), 1).toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(() => assertTransition(CONSULTATION_TRANSITIONS, 'input.status', 'c', 'SCHEDULED', 'COMPLETED')).toThrow(
      /may become IN_PROGRESS, CANCELLED, NO_SHOW/,
    );
    expect(() => assertTransition(CONSULTATION_TRANSITIONS, 'input.status', 'c', 'IN_PROGRESS', 'COMPLETED')).not.toThrow();
  });

  it('subscribes an owner, books a consultation with a network vet, which the vet runs to completion', async () => {
    const { caller, ownerId } = await ownerWithPet('tele-owner');
    const { subscribeMedicalPlan: sub } = ok(await subject.run(SUBSCRIBE_MEDICAL, { i: { plan: 'PREMIUM' } }, caller));
    expect(sub).toMatchObject({ plan: 'PREMIUM', status: 'ACTIVE', monthlyPriceCents: 4_999 });
    expect(new Date(sub.nextBillingDate).toISOString()).toBe(addMonths(new Date(sub.startDate), 1).toISOString());
    expect(refusal(await subject.run(SUBSCRIBE_MEDICAL, { i: { plan: 'BASIC' } }, caller))).toEqual({ code: 'CONFLICT', field: 'input.plan' });
    const providerId = await provider('Dr. Ada Vet');
    const { scheduleTelemedicineConsultation: booked } = ok(
      await subject.run(
        SCHEDULE,
        { i: { subscriptionId: sub.id, providerId, scheduledAt: inHours(2), duration: 30, consultationType: 'PRIMARY_CARE' } },
        caller,
      ),
    );
    expect(booked).toMatchObject({ status: 'SCHEDULED', providerId, providerName: 'Dr. Ada Vet', duration: 30 });
    expect(refusal(await subject.run(MOVE, { i: { consultationId: booked.id, status: 'IN_PROGRESS' } }, caller)).code).toBe('FORBIDDEN');
    ok(await subject.run(MOVE, { i: { consultationId: booked.id, status: 'IN_PROGRESS' } }, vet));
    const done = ok(
      await subject.run(MOVE, { i: { consultationId: booked.id, status: 'COMPLETED', notes: 'Mild otitis', prescriptionsIssued: ['Ear drops'] } }, vet),
    );
    expect(done.changeConsultationStatus).toMatchObject({ status: 'COMPLETED', notes: 'Mild otitis', prescriptionsIssued: ['Ear drops'] });
    expect(done.changeConsultationStatus.completedAt).toBeTruthy();
    expect(refusal(await subject.run(MOVE, { i: { consultationId: booked.id, status: 'CANCELLED' } }, vet))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.status',
    });
    const mine = ok(
      await subject.run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Owner { medicalSubscriptions { plan consultations { status } } } } }`,
        {
          r: [{ __typename: 'Owner', id: ownerId, viewerAccess: subject.grant('Owner', ownerId, caller.subject) }],
        },
        caller,
      ),
    );
    expect(mine._entities[0].medicalSubscriptions).toEqual([{ plan: 'PREMIUM', consultations: [{ status: 'COMPLETED' }] }]);
  });

  it('names the bad field when booking: past time, duration outside 5..240, an inactive provider; a stranger is FORBIDDEN', async () => {
    const { caller, ownerId } = await ownerWithPet('tele-guarded');
    const { subscribeMedicalPlan: sub } = ok(await subject.run(SUBSCRIBE_MEDICAL, { i: { plan: 'BASIC' } }, caller));
    const providerId = await provider('Dr. Bo Vet');
    const booking = { subscriptionId: sub.id, providerId, scheduledAt: inHours(24), duration: 20, consultationType: 'FOLLOW_UP' };
    expect(refusal(await subject.run(SCHEDULE, { i: { ...booking, scheduledAt: inHours(-1) } }, caller))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.scheduledAt',
    });
    for (const duration of [4, 241]) {
      expect(refusal(await subject.run(SCHEDULE, { i: { ...booking, duration } }, caller))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.duration' });
    }
    const gone = await provider('Dr. Retired', false);
    expect(refusal(await subject.run(SCHEDULE, { i: { ...booking, providerId: gone } }, caller))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.providerId',
    });
    expect(refusal(await subject.run(SCHEDULE, { i: booking }, stranger)).code).toBe('FORBIDDEN');
    const { scheduleTelemedicineConsultation: booked } = ok(await subject.run(SCHEDULE, { i: booking }, caller));
    expect(refusal(await subject.run(MOVE, { i: { consultationId: booked.id, status: 'CANCELLED' } }, stranger)).code).toBe('FORBIDDEN');
    expect(refusal(await subject.run(`mutation($id: ID!) { cancelMedicalSubscription(id: $id) { status } }`, { id: sub.id }, stranger)).code).toBe('FORBIDDEN');
    expect(ok(await subject.run(`query($id: ID!) { medicalSubscription(id: $id) { id } }`, { id: sub.id }, stranger))).toEqual({ medicalSubscription: null });
    const foreign = await subject.run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Owner { medicalSubscriptions { id } } } }`,
      {
        r: [{ __typename: 'Owner', id: ownerId, viewerAccess: subject.grant('Owner', ownerId, caller.subject) }],
      },
      stranger,
    );
    expect(refusal(foreign).code).toBe('FORBIDDEN');
    ok(await subject.run(MOVE, { i: { consultationId: booked.id, status: 'CANCELLED' } }, caller));
    const { cancelMedicalSubscription } = ok(
      await subject.run(`mutation($id: ID!) { cancelMedicalSubscription(id: $id) { status cancelledAt } }`, { id: sub.id }, caller),
    );
    expect(cancelMedicalSubscription.status).toBe('CANCELLED');
    expect(refusal(await subject.run(SCHEDULE, { i: booking }, caller))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.subscriptionId' });
  });
});

describe('vet network providers', () => {
  it('are managed by admins only and listed to anyone while active, with bad details named', async () => {
    const listed = await provider('Aardvark Animal Clinic');
    const hidden = await provider('Aardvark Closed Clinic', false);
    expect(refusal(await subject.run(ADD_PROVIDER, { i: { name: 'Mine', networkTier: 'STANDARD' } }, { subject: 'wt-stranger' })).code).toBe('FORBIDDEN');
    for (const [bad, field] of [
      [{ email: 'not-an-email' }, 'input.email'],
      [{ country: 'USA' }, 'input.country'],
      [{ clinicId: 'clinic-7' }, 'input.clinicId'],
      [{ name: ' ' }, 'input.name'],
    ] as const) {
      expect(refusal(await subject.run(ADD_PROVIDER, { i: { name: 'X', networkTier: 'STANDARD', ...bad } }, admin))).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    const { vetNetworkProviders } = ok(
      await subject.run(`{ vetNetworkProviders(networkTier: PREFERRED, acceptsDirectBilling: true) { id active } }`, {}, { subject: null }),
    );
    const ids = vetNetworkProviders.map((p: { id: string }) => p.id);
    expect(ids).toContain(listed);
    expect(ids).not.toContain(hidden);
    expect(vetNetworkProviders.every((p: { active: boolean }) => p.active)).toBe(true);
  });
});
