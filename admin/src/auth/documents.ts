import { graphql } from '../graphql/graphql';

export const SIGN_IN = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      accessToken
      expiresAt
    }
  }
`);

export const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const ME = graphql(`
  query Me {
    me {
      id
      kind
      roles
      permissions
      organisation {
        id
        name
      }
      jurisdiction {
        code
        name
        level
      }
    }
  }
`);
