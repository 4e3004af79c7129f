import {
  CORE_TOPICS,
  DATA_EXPORT_TOPIC,
  OWNER_ERASURE_TOPIC,
  dataExportPartTopic,
  DIVISIONS,
  HEALTHCARE_TOPICS,
  LICENSURE_TOPICS,
  ownerPersonalTopic,
  TRAINING_TOPICS,
  PRIVACY_SUBGRAPHS,
  type DataExportPartTopic,
  type OwnerPersonalTopic,
} from '../topics';
import type { EventContract } from './contract';
import { householdContract, type HouseholdEvent } from './household';
import { ownerContract, type OwnerEvent } from './owner';
import { ownerPersonalContracts, type OwnerPersonalEvent } from './owner-personal';
import {
  dataExportPartContracts,
  dataExportRequestContract,
  ownerErasureContract,
  type DataExportPartEvent,
  type DataExportRequestEvent,
  type OwnerErasureEvent,
} from './data-export';
import { petContract, type PetEvent } from './pet';
import { registryContract, type RegistryEvent } from './registry';
import { vaccinationContract, type VaccinationEvent } from './vaccination';
import { certificationContract, type CertificationEvent } from './certification';

export * from './contract';
export * from './pet';
export * from './owner';
export * from './owner-personal';
export * from './data-export';
export * from './household';
export * from './registry';
export * from './vaccination';
export * from './certification';

/** The events of every topic, by topic name: what a projection of that topic receives. */
export type TopicEvents = {
  [CORE_TOPICS.pet]: PetEvent;
  [CORE_TOPICS.owner]: OwnerEvent;
  [CORE_TOPICS.household]: HouseholdEvent;
  [LICENSURE_TOPICS.registry]: RegistryEvent;
  [HEALTHCARE_TOPICS.vaccination]: VaccinationEvent;
  [TRAINING_TOPICS.certification]: CertificationEvent;
  [DATA_EXPORT_TOPIC]: DataExportRequestEvent;
  [OWNER_ERASURE_TOPIC]: OwnerErasureEvent;
} & { [T in OwnerPersonalTopic]: OwnerPersonalEvent } & { [T in DataExportPartTopic]: DataExportPartEvent };

export type ContractTopic = keyof TopicEvents;

/** Every topic's contract: a topic without one cannot be published or projected. */
export const CONTRACTS: { [T in ContractTopic]: EventContract<TopicEvents[T]> } = {
  [CORE_TOPICS.pet]: petContract,
  [CORE_TOPICS.owner]: ownerContract,
  [CORE_TOPICS.household]: householdContract,
  [LICENSURE_TOPICS.registry]: registryContract,
  [HEALTHCARE_TOPICS.vaccination]: vaccinationContract,
  [TRAINING_TOPICS.certification]: certificationContract,
  ...(Object.fromEntries(DIVISIONS.map((division) => [ownerPersonalTopic(division), ownerPersonalContracts[division]])) as {
    [T in OwnerPersonalTopic]: EventContract<OwnerPersonalEvent>;
  }),
  [DATA_EXPORT_TOPIC]: dataExportRequestContract,
  [OWNER_ERASURE_TOPIC]: ownerErasureContract,
  ...(Object.fromEntries(PRIVACY_SUBGRAPHS.map((subgraph) => [dataExportPartTopic(subgraph), dataExportPartContracts[subgraph]])) as {
    [T in DataExportPartTopic]: EventContract<DataExportPartEvent>;
  }),
};

/** The contract of a topic named at runtime (a message's topic, an outbox row's); throws for a topic without one. */
export function contractOf(topic: string): EventContract<TopicEvents[ContractTopic]> {
  for (const [name, contract] of Object.entries(CONTRACTS)) if (name === topic) return contract;
  throw new Error(`topic "${topic}" has no contract in packages/events/src/contracts`);
}
