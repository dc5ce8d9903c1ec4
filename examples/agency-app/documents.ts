import type { DoudiClient } from './client.js';

export interface ListedDocument {
  id: string;
  kind: string;
  fileName: string;
  downloadUrl: string;
}

/** The documents of a referral the app may read: the written answer (书面函复) among them once 民政局 issued it. */
export async function documentsOfReferral(client: DoudiClient, referralId: string): Promise<ListedDocument[]> {
  const data = await client.request<{ referral: { documents: ListedDocument[] } }>(
    `query Documents($id: ID!) { referral(id: $id) { documents { id kind fileName downloadUrl } } }`,
    { id: referralId },
  );
  return data.referral.documents;
}

/** Downloads one document (a PDF) through the gateway's GET route with the app's token. */
export function downloadDocument(client: DoudiClient, document: ListedDocument) {
  return client.download(document.downloadUrl);
}
