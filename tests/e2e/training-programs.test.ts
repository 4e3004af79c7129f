import { randomUUID } from 'node:crypto';
import { core } from '@psa/core';
import { training } from '@psa/training';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, registerPets, type TestOwner } from './helpers';
import { seedTrainer, type TestTrainer } from './training-fixtures';

/**
 * Training programs through the gateway: trainers create and run them, owners enroll their dogs into a bounded
 * number of seats, the trainer records sessions and grades each dog. Trainers are seeded (seedTrainer); every
 * rule under test goes through the gateway.
 */
let stack: TestStack;
let trainer: TestTrainer;
let otherTrainer: TestTrainer;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack([core, training]);
  [trainer, otherTrainer] = await Promise.all([seedTrainer(stack), seedTrainer(stack)]);
  admin = await stack.token('programs-admin', ['admin']);
}, 120_000);
afterAll(() => stack?.close());

const trainingSql = () => stack.subgraphs.training!.sql;
const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600_000).toISOString().slice(0, 10);

const CREATE = `mutation($i: CreateTrainingProgramInput!) { createTrainingProgram(input: $i) {
  id name description level certificationType capacity enrolledCount seatsLeft sessionsCount schedule startDate endDate priceCents currency status trainer { id }
} }`;
const ENROLL = `mutation($i: EnrollInTrainingProgramInput!) { enrollInTrainingProgram(input: $i) { id status sessionsAttended progressPercent program { id enrolledCount } } }`;
const WITHDRAW = `mutation($e: ID!) { withdrawFromTrainingProgram(enrollmentId: $e) { id status withdrawnAt } }`;
const STATUS = `mutation($id: ID!, $s: TrainingProgramStatus!) { changeTrainingProgramStatus(id: $id, status: $s) { id status enrolledCount } }`;
const RECORD = `mutation($e: ID!, $n: Int!) { recordTrainingSession(enrollmentId: $e, sessionsAttended: $n) { sessionsAttended progressPercent } }`;
const COMPLETE = `mutation($e: ID!, $p: Boolean!) { completeTrainingEnrollment(enrollmentId: $e, passed: $p) {
  status completedAt certification { id type name issuedBy certificateNumber issuedDate program { id } }
} }`;

const programInput = (extra: Record<string, unknown> = {}) => ({
  name: 'Puppy manners',
  description: 'Sit, stay, loose lead',
  level: 'BEGINNER',
  certificationType: 'GOOD_CITIZEN',
  capacity: 5,
  sessionsCount: 4,
  schedule: 'Saturdays 10:00-11:00',
  startDate: day(7),
  endDate: day(35),
  priceCents: 24000,
  ...extra,
});

async function createProgram(by: TestTrainer, extra: Record<string, unknown> = {}): Promise<string> {
  const { createTrainingProgram } = await must(stack, CREATE, { i: programInput(extra) }, by.token);
  return createTrainingProgram.id;
}

/** The program's counter beside the enrollments that hold a seat (all but withdrawn ones): the invariant every step keeps. */
async function seats(programId: string): Promise<{ enrolled_count: number; active: number }> {
  const { rows } = await trainingSql().query(
    `select p.enrolled_count, (select count(*)::int from training.enrollments e where e.program_id = p.id and e.status <> 'WITHDRAWN') as active
     from training.programs p where p.id = $1`,
    [programId],
  );
  return rows[0];
}

const codeAndField = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => ({
  code: res.errors?.[0]?.extensions?.code,
  field: res.errors?.[0]?.extensions?.field,
});

async function ownerWithDog(name: string, extra: Record<string, unknown> = {}): Promise<{ owner: TestOwner; dogId: string }> {
  const owner = await createOwner(stack, `${name}-${randomUUID().slice(0, 6)}`);
  const dogId = await registerPet(stack, owner, { name, species: 'DOG', ...extra });
  return { owner, dogId };
}

describe('creating and changing a program', () => {
  it('a trainer creates a program for their own profile, an admin for a trainer they name; others may not', async () => {
    const { createTrainingProgram } = await must(stack, CREATE, { i: programInput() }, trainer.token);
    expect(createTrainingProgram).toEqual({
      id: expect.any(String),
      ...programInput(),
      enrolledCount: 0,
      seatsLeft: 5,
      currency: 'USD',
      status: 'OPEN',
      trainer: { id: trainer.id },
    });
    const byAdmin = await must(stack, CREATE, { i: programInput({ trainerId: otherTrainer.id, draft: true, currency: 'EUR' }) }, admin);
    expect(byAdmin.createTrainingProgram).toMatchObject({ status: 'DRAFT', currency: 'EUR', trainer: { id: otherTrainer.id } });

    const owner = await createOwner(stack, 'program-creator-owner');
    const noProfile = await stack.token(`trainer-without-profile-${randomUUID().slice(0, 6)}`, ['trainer']);
    const [asOwner, asProfileless, forAnother, adminUnnamed] = await Promise.all([
      stack.query(CREATE, { i: programInput() }, owner.token),
      stack.query(CREATE, { i: programInput() }, noProfile),
      stack.query(CREATE, { i: programInput({ trainerId: otherTrainer.id }) }, trainer.token),
      stack.query(CREATE, { i: programInput() }, admin),
    ]);
    expect(codeAndField(asOwner)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(codeAndField(asProfileless)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(codeAndField(forAnother)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(codeAndField(adminUnnamed)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.trainerId' });
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const before = (await trainingSql().query('select count(*)::int as n from training.programs')).rows[0].n;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '   ' }, 'input.name'],
      [{ name: 'x'.repeat(201) }, 'input.name'],
      [{ capacity: 0 }, 'input.capacity'],
      [{ capacity: 501 }, 'input.capacity'],
      [{ sessionsCount: 0 }, 'input.sessionsCount'],
      [{ schedule: '' }, 'input.schedule'],
      [{ startDate: day(-1) }, 'input.startDate'],
      [{ endDate: day(6) }, 'input.endDate'],
      [{ priceCents: -1 }, 'input.priceCents'],
      [{ currency: 'usd' }, 'input.currency'],
    ];
    for (const [extra, field] of cases) {
      const res = await stack.query(CREATE, { i: programInput(extra) }, trainer.token);
      expect({ extra, ...codeAndField(res) }).toEqual({ extra, code: 'BAD_USER_INPUT', field });
    }
    expect((await trainingSql().query('select count(*)::int as n from training.programs')).rows[0].n).toBe(before);
  });

  it('updates an OPEN program, never below the dogs enrolled; a running one no longer changes', async () => {
    const programId = await createProgram(trainer, { capacity: 3 });
    const { owner, dogId } = await ownerWithDog('Pip');
    const [second] = await registerPets(stack, owner, 1);
    await stack.settle();
    for (const petId of [dogId, second]) await must(stack, ENROLL, { i: { programId, petId } }, owner.token);
    const UPDATE = `mutation($id: ID!, $i: UpdateTrainingProgramInput!) { updateTrainingProgram(id: $id, input: $i) { name capacity seatsLeft description endDate } }`;
    const { updateTrainingProgram } = await must(
      stack,
      UPDATE,
      { id: programId, i: { name: ' Puppy manners II ', capacity: 2, description: null } },
      trainer.token,
    );
    expect(updateTrainingProgram).toEqual({ name: 'Puppy manners II', capacity: 2, seatsLeft: 0, description: null, endDate: day(35) });
    expect(codeAndField(await stack.query(UPDATE, { id: programId, i: { capacity: 1 } }, trainer.token))).toEqual({
      code: 'CONFLICT',
      field: 'input.capacity',
    });
    expect(codeAndField(await stack.query(UPDATE, { id: programId, i: { endDate: day(1) } }, trainer.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.endDate',
    });
    expect(codeAndField(await stack.query(UPDATE, { id: programId, i: { name: 'Mine now' } }, otherTrainer.token))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
    });
    await must(stack, STATUS, { id: programId, s: 'IN_PROGRESS' }, trainer.token);
    expect(codeAndField(await stack.query(UPDATE, { id: programId, i: { name: 'Late change' } }, trainer.token))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(await seats(programId)).toEqual({ enrolled_count: 2, active: 2 });
  }, 60_000);
});

describe('seats', () => {
  it('30 concurrent enrollments of 30 dogs into a capacity-5 program: exactly 5 ENROLLED, 25 CONFLICT; the count follows every step', async () => {
    const programId = await createProgram(trainer, { capacity: 5 });
    const owner = await createOwner(stack, `pack-owner-${randomUUID().slice(0, 6)}`);
    const dogs = await registerPets(stack, owner, 30);
    await stack.settle();

    const results = await Promise.all(dogs.map((petId) => stack.query(ENROLL, { i: { programId, petId } }, owner.token)));
    const enrolled = results.filter((r) => !r.errors).map((r) => r.data!.enrollInTrainingProgram);
    const refused = results.filter((r) => r.errors);
    expect(enrolled).toHaveLength(5);
    expect(enrolled.every((e) => e.status === 'ENROLLED')).toBe(true);
    expect(refused).toHaveLength(25);
    for (const r of refused) {
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.programId' });
      expect(r.errors![0]!.message).toMatch(/is full/);
    }
    expect(await seats(programId)).toEqual({ enrolled_count: 5, active: 5 });

    // A dog already in the program: CONFLICT, and the seat its attempt took is given back.
    const inAlready = results.findIndex((r) => !r.errors);
    const waiting = results.findIndex((r) => r.errors);
    const { withdrawFromTrainingProgram } = await must(stack, WITHDRAW, { e: enrolled[1]!.id }, owner.token);
    expect(withdrawFromTrainingProgram).toEqual({ id: enrolled[1]!.id, status: 'WITHDRAWN', withdrawnAt: expect.any(String) });
    expect(await seats(programId)).toEqual({ enrolled_count: 4, active: 4 });
    const twice = await stack.query(ENROLL, { i: { programId, petId: dogs[inAlready] } }, owner.token);
    expect(codeAndField(twice)).toEqual({ code: 'CONFLICT', field: 'input.petId' });
    expect(await seats(programId)).toEqual({ enrolled_count: 4, active: 4 });
    // Withdrawing twice frees one seat.
    expect(codeAndField(await stack.query(WITHDRAW, { e: enrolled[1]!.id }, owner.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'enrollmentId' });
    expect(await seats(programId)).toEqual({ enrolled_count: 4, active: 4 });

    // The freed seat goes to the next dog; then the program is full again.
    await must(stack, ENROLL, { i: { programId, petId: dogs[waiting] } }, owner.token);
    expect(await seats(programId)).toEqual({ enrolled_count: 5, active: 5 });
    const full = await stack.query(ENROLL, { i: { programId, petId: dogs.find((_, i) => results[i]!.errors && i !== waiting) } }, owner.token);
    expect(codeAndField(full)).toEqual({ code: 'CONFLICT', field: 'input.programId' });

    // Cancelling withdraws every enrolled dog and frees their seats.
    const { changeTrainingProgramStatus } = await must(stack, STATUS, { id: programId, s: 'CANCELLED' }, trainer.token);
    expect(changeTrainingProgramStatus).toEqual({ id: programId, status: 'CANCELLED', enrolledCount: 0 });
    expect(await seats(programId)).toEqual({ enrolled_count: 0, active: 0 });
    const { rows } = await trainingSql().query(`select status, count(*)::int as n from training.enrollments where program_id = $1 group by status`, [
      programId,
    ]);
    expect(rows).toEqual([{ status: 'WITHDRAWN', n: 6 }]);
  }, 120_000);

  it('enrolls only the viewer’s own live dogs into an OPEN program', async () => {
    const programId = await createProgram(trainer);
    const { owner, dogId } = await ownerWithDog('Biscuit');
    const cat = await registerPet(stack, owner, { name: 'Tom', species: 'CAT' });
    const late = await registerPet(stack, owner, { name: 'Old Bo' });
    await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: DECEASED) { id } }`, { id: late }, owner.token);
    const stranger = await createOwner(stack, `enroll-stranger-${randomUUID().slice(0, 6)}`);
    const draftId = await createProgram(trainer, { draft: true });
    const runningId = await createProgram(trainer);
    await must(stack, STATUS, { id: runningId, s: 'IN_PROGRESS' }, trainer.token);
    await stack.settle();

    const attempt = (i: Record<string, unknown>, token = owner.token) => stack.query(ENROLL, { i }, token).then(codeAndField);
    expect(await attempt({ programId, petId: cat })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.petId' });
    expect(await attempt({ programId, petId: late })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.petId' });
    expect(await attempt({ programId, petId: dogId }, stranger.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await attempt({ programId, petId: randomUUID() })).toEqual({ code: 'NOT_FOUND', field: undefined });
    expect(await attempt({ programId: randomUUID(), petId: dogId })).toEqual({ code: 'NOT_FOUND', field: undefined });
    expect(await attempt({ programId: draftId, petId: dogId })).toEqual({ code: 'NOT_FOUND', field: undefined });
    expect(await attempt({ programId: runningId, petId: dogId })).toEqual({ code: 'CONFLICT', field: 'input.programId' });
    expect(await seats(programId)).toEqual({ enrolled_count: 0, active: 0 });

    const { enrollInTrainingProgram } = await must(stack, ENROLL, { i: { programId, petId: dogId } }, owner.token);
    expect(enrollInTrainingProgram).toEqual({
      id: expect.any(String),
      status: 'ENROLLED',
      sessionsAttended: 0,
      progressPercent: 0,
      program: { id: programId, enrolledCount: 1 },
    });
    // Only the dog's owner withdraws it.
    expect(codeAndField(await stack.query(WITHDRAW, { e: enrollInTrainingProgram.id }, stranger.token))).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await seats(programId)).toEqual({ enrolled_count: 1, active: 1 });
  }, 60_000);
});

describe('running a program', () => {
  it('OPEN → IN_PROGRESS → COMPLETED: sessions are recorded, dogs graded, the passing one certified', async () => {
    const programId = await createProgram(trainer, { sessionsCount: 3, name: 'Therapy dog foundations', certificationType: 'THERAPY_DOG' });
    const owner = await createOwner(stack, `class-owner-${randomUUID().slice(0, 6)}`);
    const [rex, nala] = await registerPets(stack, owner, 2);
    await stack.settle();
    const enrollmentOf = async (petId: string) => (await must(stack, ENROLL, { i: { programId, petId } }, owner.token)).enrollInTrainingProgram.id as string;
    const rexEnrollment = await enrollmentOf(rex!);
    const nalaEnrollment = await enrollmentOf(nala!);

    // Not yet: sessions and grades wait for the program to run; it cannot skip to COMPLETED.
    expect(codeAndField(await stack.query(RECORD, { e: rexEnrollment, n: 1 }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'enrollmentId' });
    expect(codeAndField(await stack.query(COMPLETE, { e: rexEnrollment, p: true }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'enrollmentId' });
    expect(codeAndField(await stack.query(STATUS, { id: programId, s: 'COMPLETED' }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'status' });
    await must(stack, STATUS, { id: programId, s: 'IN_PROGRESS' }, trainer.token);

    expect(codeAndField(await stack.query(RECORD, { e: rexEnrollment, n: 4 }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'sessionsAttended' });
    expect(codeAndField(await stack.query(RECORD, { e: rexEnrollment, n: -1 }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'sessionsAttended' });
    expect((await must(stack, RECORD, { e: rexEnrollment, n: 2 }, trainer.token)).recordTrainingSession).toEqual({ sessionsAttended: 2, progressPercent: 66 });
    expect((await must(stack, RECORD, { e: rexEnrollment, n: 3 }, trainer.token)).recordTrainingSession).toEqual({ sessionsAttended: 3, progressPercent: 100 });

    const passed = (await must(stack, COMPLETE, { e: rexEnrollment, p: true }, trainer.token)).completeTrainingEnrollment;
    expect(passed).toEqual({
      status: 'COMPLETED',
      completedAt: expect.any(String),
      certification: {
        id: expect.any(String),
        type: 'THERAPY_DOG',
        name: 'Therapy dog foundations',
        issuedBy: `Trainer ${trainer.subject}`,
        certificateNumber: expect.stringMatching(/^TC-\d{4}-[2-9A-HJKMNP-Z]{8}$/),
        issuedDate: new Date().toISOString().slice(0, 10),
        program: { id: programId },
      },
    });
    const failed = (await must(stack, COMPLETE, { e: nalaEnrollment, p: false }, trainer.token)).completeTrainingEnrollment;
    expect(failed).toEqual({ status: 'FAILED', completedAt: expect.any(String), certification: null });
    // Graded once: no second grade, no second certificate, no more sessions.
    expect(codeAndField(await stack.query(COMPLETE, { e: rexEnrollment, p: true }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'enrollmentId' });
    expect(codeAndField(await stack.query(RECORD, { e: nalaEnrollment, n: 1 }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'enrollmentId' });
    // A graded dog keeps its seat in the course it took.
    expect(await seats(programId)).toEqual({ enrolled_count: 2, active: 2 });
    const { rows } = await trainingSql().query('select count(*)::int as n from training.training_certifications where enrollment_id = $1', [rexEnrollment]);
    expect(rows).toEqual([{ n: 1 }]);

    const done = (await must(stack, STATUS, { id: programId, s: 'COMPLETED' }, trainer.token)).changeTrainingProgramStatus;
    expect(done.status).toBe('COMPLETED');
    expect(codeAndField(await stack.query(STATUS, { id: programId, s: 'CANCELLED' }, trainer.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(codeAndField(await stack.query(WITHDRAW, { e: rexEnrollment }, owner.token))).toEqual({ code: 'BAD_USER_INPUT', field: 'enrollmentId' });

    // The owner reads the dog's enrollments on the pet, with its progress and certificate.
    const { pet } = await must(
      stack,
      `query($p: ID!) { pet(id: $p) { trainingEnrollments { status progressPercent program { name status } certification { type certificateNumber } } } }`,
      { p: rex },
      owner.token,
    );
    expect(pet.trainingEnrollments).toEqual([
      {
        status: 'COMPLETED',
        progressPercent: 100,
        program: { name: 'Therapy dog foundations', status: 'COMPLETED' },
        certification: { type: 'THERAPY_DOG', certificateNumber: passed.certification.certificateNumber },
      },
    ]);
  }, 90_000);
});

describe('who sees what', () => {
  it('another trainer may not run, grade or list a program that is not theirs; another owner sees none of the dog', async () => {
    const programId = await createProgram(trainer);
    const { owner, dogId } = await ownerWithDog('Scout');
    const stranger = await createOwner(stack, `reader-stranger-${randomUUID().slice(0, 6)}`);
    const { enrollInTrainingProgram } = await must(stack, ENROLL, { i: { programId, petId: dogId } }, owner.token);
    const enrollmentId = enrollInTrainingProgram.id;
    await must(stack, STATUS, { id: programId, s: 'IN_PROGRESS' }, trainer.token);

    const LIST = `query($p: ID) { myProgramEnrollments(programId: $p) { id pet { id } program { id } } }`;
    const forbiddenFor = async (query: string, variables: Record<string, unknown>, token: string) => codeAndField(await stack.query(query, variables, token));
    expect(await forbiddenFor(LIST, { p: programId }, otherTrainer.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await forbiddenFor(LIST, { p: programId }, owner.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await forbiddenFor(LIST, {}, owner.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await forbiddenFor(STATUS, { id: programId, s: 'CANCELLED' }, otherTrainer.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await forbiddenFor(RECORD, { e: enrollmentId, n: 1 }, otherTrainer.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await forbiddenFor(COMPLETE, { e: enrollmentId, p: true }, otherTrainer.token)).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await forbiddenFor(COMPLETE, { e: enrollmentId, p: true }, owner.token)).toEqual({ code: 'FORBIDDEN', field: undefined });

    // The program's own trainer lists it; without a program, every enrollment of theirs and nobody else's.
    const own = await must(stack, LIST, { p: programId }, trainer.token);
    expect(own.myProgramEnrollments).toEqual([{ id: enrollmentId, pet: { id: dogId }, program: { id: programId } }]);
    const all = await must(stack, LIST, {}, trainer.token);
    expect(all.myProgramEnrollments).toEqual(expect.arrayContaining([{ id: enrollmentId, pet: { id: dogId }, program: { id: programId } }]));
    const others = await must(stack, LIST, {}, otherTrainer.token);
    expect(others.myProgramEnrollments.map((e: { id: string }) => e.id)).not.toContain(enrollmentId);

    const ENROLLMENTS = `query($p: ID!) { pet(id: $p) { trainingEnrollments { id } } }`;
    expect((await must(stack, ENROLLMENTS, { p: dogId }, owner.token)).pet).toEqual({ trainingEnrollments: [{ id: enrollmentId }] });
    expect((await stack.query(ENROLLMENTS, { p: dogId }, stranger.token)).data).toEqual({ pet: null });
    expect((await must(stack, ENROLLMENTS, { p: dogId }, admin)).pet).toEqual({ trainingEnrollments: [{ id: enrollmentId }] });
  }, 60_000);

  it('programs are public, but a DRAFT only to its trainer and admins', async () => {
    const openId = await createProgram(trainer, { name: 'Agility intro', level: 'INTERMEDIATE' });
    const draftId = await createProgram(trainer, { draft: true, name: 'Secret plans' });
    const ONE = `query($id: ID!) { trainingProgram(id: $id) { id name status } }`;
    expect((await must(stack, ONE, { id: openId }, '')).trainingProgram).toEqual({ id: openId, name: 'Agility intro', status: 'OPEN' });
    expect((await stack.query(ONE, { id: draftId })).data).toEqual({ trainingProgram: null });
    expect((await stack.query(ONE, { id: draftId }, otherTrainer.token)).data).toEqual({ trainingProgram: null });
    expect((await must(stack, ONE, { id: draftId }, trainer.token)).trainingProgram).toMatchObject({ status: 'DRAFT' });
    expect((await stack.query(ONE, { id: 'not-an-id' })).data).toEqual({ trainingProgram: null });

    const LIST = `query($s: TrainingProgramStatus, $f: Int) { trainingPrograms(status: $s, first: $f) { id status } }`;
    const open = (await must(stack, LIST, { s: 'OPEN', f: 100 }, '')).trainingPrograms;
    expect(open.map((p: { id: string }) => p.id)).toContain(openId);
    expect(open.every((p: { status: string }) => p.status === 'OPEN')).toBe(true);
    const any = (await must(stack, LIST, { f: 100 }, '')).trainingPrograms;
    expect(any.map((p: { id: string }) => p.id)).not.toContain(draftId);
    expect(codeAndField(await stack.query(LIST, { f: 0 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(codeAndField(await stack.query(LIST, { s: 'DRAFT' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'status' });

    const TRAINER = `query($id: ID!) { trainer(id: $id) { programs { id } } }`;
    const publicView = (await must(stack, TRAINER, { id: trainer.id }, '')).trainer.programs.map((p: { id: string }) => p.id);
    expect(publicView).toContain(openId);
    expect(publicView).not.toContain(draftId);
    const ownView = (await must(stack, TRAINER, { id: trainer.id }, trainer.token)).trainer.programs.map((p: { id: string }) => p.id);
    expect(ownView).toEqual(expect.arrayContaining([openId, draftId]));
  });
});
