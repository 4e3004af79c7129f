import { badInput, dateNotInFuture, microchipNumber, optionalText, positiveNumber, requiredText, requiredTexts } from '@psa/subgraph-kit';
import type { EmergencyContact, pets } from './tables';
import type { EmergencyContactInput, RegisterPetInput, UpdatePetInput } from '../../generated/resolvers';

function contacts(field: string, values: EmergencyContactInput[]): EmergencyContact[] {
  return values.map((c, i) => ({
    name: requiredText(`${field}[${i}].name`, c.name, 200),
    phone: requiredText(`${field}[${i}].phone`, c.phone, 40),
    relationship: optionalText(`${field}[${i}].relationship`, c.relationship, 100),
  }));
}

/** What registerPet and updatePet send: the fields both inputs have. */
export type PetInput = RegisterPetInput | UpdatePetInput;

const REQUIRED = ['name', 'species', 'sex', 'birthDate', 'weight', 'mixBreed', 'approximateAge', 'breed', 'color', 'photos', 'emergencyContacts'] as const;

/** The columns a pet input sets; with `partial`, only the fields present. Null is refused on required fields. */
export function petChanges(input: PetInput, partial: boolean) {
  const changes: Partial<typeof pets.$inferInsert> = {};
  const present = (key: keyof PetInput) => input[key] !== undefined;
  for (const key of REQUIRED) {
    if (partial && input[key] === null) throw badInput(`input.${key}`, 'must not be null');
  }
  if (!partial || present('name')) changes.name = requiredText('input.name', input.name, 100);
  if (input.species) changes.species = input.species;
  if (input.sex) changes.sex = input.sex;
  if (input.birthDate) changes.birthDate = dateNotInFuture('input.birthDate', input.birthDate);
  if (input.weight !== undefined && input.weight !== null) changes.weight = positiveNumber('input.weight', input.weight);
  if (present('height')) changes.height = input.height === null ? null : positiveNumber('input.height', input.height!);
  if (input.breed) changes.breed = requiredTexts('input.breed', input.breed);
  if (input.color) changes.color = requiredTexts('input.color', input.color);
  if (input.photos) changes.photos = requiredTexts('input.photos', input.photos);
  if (typeof input.mixBreed === 'boolean') changes.mixBreed = input.mixBreed;
  if (typeof input.approximateAge === 'boolean') changes.approximateAge = input.approximateAge;
  if (present('markings')) changes.markings = optionalText('input.markings', input.markings);
  if (present('size')) changes.size = input.size ?? null;
  if (present('notes')) changes.notes = optionalText('input.notes', input.notes, 2000);
  if (present('tattooId')) changes.tattooId = optionalText('input.tattooId', input.tattooId, 50);
  if (present('microchipNumber')) changes.microchipNumber = microchipNumber('input.microchipNumber', input.microchipNumber);
  if (input.emergencyContacts) changes.emergencyContacts = contacts('input.emergencyContacts', input.emergencyContacts);
  return changes;
}
