import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import {
  ChangePasswordDocument,
  EndAllSessionsDocument,
  LoginUserDocument,
  LogoutDocument,
  MyAccountDocument,
} from '../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { registeredUser } from '../integration/enayapay/gateway-accounts.js';

/** Sessions end when the user says so or their credentials change: the old token is refused over HTTP. */
describe('ended sessions are refused', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const me = (token: string) => gw.graphql(MyAccountDocument, { first: 1 }, { token });
  async function expectRefused(token: string): Promise<void> {
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  async function login(phone: string, password = 'first-Pass1'): Promise<string> {
    const result = await gw.graphql(LoginUserDocument, { input: { phone, password } });
    return result.body.data!.loginUser.session!.token;
  }

  it('logout ends this session only', async () => {
    const { phone, token } = await registeredUser(gw);
    const other = await login(phone);
    const out = await gw.graphql(LogoutDocument, {}, { token });
    expect(out.body.data!.logout).toEqual({ ended: true, userErrors: [] });
    await expectRefused(token);
    const again = await gw.graphql(LogoutDocument, {}, { token });
    expect(again.status).toBe(401);
    expect((await me(other)).body.errors).toBeUndefined();
  });

  it('endAllSessions ends every session of the user and hands the caller a fresh one', async () => {
    const { phone, token } = await registeredUser(gw);
    const laptop = await login(phone);
    const ended = await gw.graphql(EndAllSessionsDocument, {}, { token: laptop });
    expect(ended.body.data!.endAllSessions.userErrors).toEqual([]);
    const fresh = ended.body.data!.endAllSessions.session!.token;
    await expectRefused(token);
    await expectRefused(laptop);
    expect((await me(fresh)).body.errors).toBeUndefined();
    expect(decodeJwt(fresh).cv).toBe((decodeJwt(laptop).cv as number) + 1);

    const everything = await gw.graphql(
      EndAllSessionsDocument,
      { input: { openNewSession: false } },
      { token: fresh },
    );
    expect(everything.body.data!.endAllSessions).toEqual({ session: null, userErrors: [] });
    await expectRefused(fresh);
  });

  it('a password change ends the earlier sessions, the caller’s included, and returns a fresh one', async () => {
    const { phone, token } = await registeredUser(gw);
    const other = await login(phone);
    const changed = await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'first-Pass1', newPassword: 'second-Pass2' } },
      { token: other },
    );
    expect(changed.body.data!.changePassword.userErrors).toEqual([]);
    const fresh = changed.body.data!.changePassword.session!.token;
    await expectRefused(token);
    await expectRefused(other);
    expect((await me(fresh)).body.errors).toBeUndefined();
    // A failed change (wrong current password) ends nothing.
    const wrong = await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'not-it', newPassword: 'third-Pass3' } },
      { token: fresh },
    );
    expect(wrong.body.data!.changePassword.session).toBeNull();
    expect((await me(fresh)).body.errors).toBeUndefined();
  });

  it('a client token is no session of this gateway: logout and endAllSessions answer FORBIDDEN', async () => {
    const service = await gw.token('backoffice-service');
    const logout = await gw.graphql(LogoutDocument, {}, { token: service });
    expect(logout.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const endAll = await gw.graphql(EndAllSessionsDocument, {}, { token: service });
    expect(endAll.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gw.graphql(LogoutDocument, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
