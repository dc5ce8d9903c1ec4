import { aggregate } from '@doudi/shared';
import { CaseDocument, DocumentNumberCounter } from './document.entity.js';
import { CaseDocumentResolver, CaseDocumentsResolver, ReferralDocumentsResolver } from './document.resolver.js';
import { createDocumentLoaders } from './document.loaders.js';

export { archiveCaseDocuments } from './document.service.js';
export { documentRoutes } from './document.route.js';

/** Letters generated from a case and materials attached to it (襄政办发〔2023〕26号 附件2–5, 七(五); 晋检发办字〔2023〕10号 第九、二十四条). */
export const document = aggregate({
  entities: [CaseDocument, DocumentNumberCounter],
  resolvers: [CaseDocumentsResolver, ReferralDocumentsResolver, CaseDocumentResolver],
  loaders: createDocumentLoaders,
});
