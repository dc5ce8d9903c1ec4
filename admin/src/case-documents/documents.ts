import { graphql } from '../graphql/graphql';

export const DOCUMENT_FIELDS = graphql(`
  fragment CaseDocumentRow on CaseDocument {
    id
    kind
    title
    documentNumber
    fileName
    byteLength
    mediaType
    generated
    sensitive
    archivedAt
    createdAt
    downloadUrl
    referral {
      id
    }
    issuingOrganisation {
      id
      name
    }
    copiedTo {
      id
      name
    }
  }
`);

/** A case's letters and materials as far as the caller may read them, oldest first (never their content here). */
export const CASE_DOCUMENTS = graphql(
  `
    query CaseDocuments($id: ID!) {
      case(id: $id) {
        id
        status
        documents {
          ...CaseDocumentRow
        }
      }
    }
  `,
  [DOCUMENT_FIELDS],
);

export const GENERATE_DOCUMENT = graphql(
  `
    mutation GenerateCaseDocument($input: GenerateCaseDocumentInput!) {
      generateCaseDocument(input: $input) {
        document {
          ...CaseDocumentRow
        }
      }
    }
  `,
  [DOCUMENT_FIELDS],
);

/** Sent to the gateway's import route, which alone takes a body as large as a 10 MB scan in base64. */
export const ATTACH_MATERIAL = graphql(
  `
    mutation AttachCaseMaterial($input: AttachCaseMaterialInput!) {
      attachCaseMaterial(input: $input) {
        document {
          ...CaseDocumentRow
        }
      }
    }
  `,
  [DOCUMENT_FIELDS],
);
