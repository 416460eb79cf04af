// The adapter used when no portal is configured: nothing leaves the machine; a publish only
// records that the item belongs in the DCAT catalogue export (catalogue.ts), and a withdrawal
// takes it out again. Keeps every pusher rule (safety re-check, order, fail-safe) in force for
// departments whose portal harvests instead of taking pushes.
import { datasetName, type PortalAdapter } from './adapter.ts';

export function createCatalogueAdapter(organization: string): PortalAdapter {
  return {
    target: 'catalogue',
    portalUrl: null,
    organization,
    async testConnection() {
      return { portal: null, version: null, siteTitle: null, organization: null };
    },
    async publish(item) {
      const name = datasetName(organization, item.archiveKey, item.recordId);
      return {
        datasetId: name,
        datasetName: name,
        datasetUrl: null,
        private: false,
        resources: item.documents.map((d) => ({ id: d.sha256, sha256: d.sha256, name: d.name, url: null, size: d.size })),
        created: item.known === null,
        uploaded: 0,
        removed: 0,
      };
    },
    async withdraw(item) {
      return { datasetId: item.datasetId, outcome: 'absent' };
    },
    redact: (text) => text,
  };
}
