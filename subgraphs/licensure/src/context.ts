import type { SubgraphContext } from '@psa/subgraph-kit';
import type { LicensureLoaders } from './loaders';

export type LicensureContext = SubgraphContext<LicensureLoaders>;

/** A Pet as the gateway hands it to licensure: its key plus the field licensure @requires from core. */
export interface PetReference {
  id: string;
  /** Core's signed grant for this viewer and pet, or null; never trusted without ctx.grants.holds. */
  viewerAccess?: string | null;
}
