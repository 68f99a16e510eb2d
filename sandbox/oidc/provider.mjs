// A demo national identity provider: panva's certified oidc-provider with one client (the platform), PKCE required,
// and a few demo people. Sign-in is the library's development form (any password). Started by `make run` and by the
// tests. Settings from the environment:
//   OIDC_PORT (8010), OIDC_ISSUER (http://127.0.0.1:<port>), OIDC_CLIENT_ID (portal), OIDC_CLIENT_SECRET (or
//   OIDC_CLIENT_SECRET_FILE, the file that holds it),
//   OIDC_PORTAL_URL (http://127.0.0.1:8000, where the platform is), OIDC_CLOCK_SKEW (seconds the provider's clock
//   runs behind: its tokens are born expired; for the tests).
import { Provider } from 'oidc-provider';
import { readFileSync } from 'node:fs';

const env = process.env;
const port = Number(env.OIDC_PORT || 8010);
const issuer = env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const portal = (env.OIDC_PORTAL_URL || 'http://127.0.0.1:8000').replace(/\/$/, '');
const skew = Number(env.OIDC_CLOCK_SKEW || 0);
if (skew) {
  const realNow = Date.now;
  Date.now = () => realNow() - skew * 1000;
}
const people = JSON.parse(readFileSync(new URL('./people.json', import.meta.url), 'utf8'));
const locales = ['ar', 'fr'];

const provider = new Provider(issuer, {
  clients: [{
    client_id: env.OIDC_CLIENT_ID || 'portal',
    client_secret: env.OIDC_CLIENT_SECRET || readFileSync(env.OIDC_CLIENT_SECRET_FILE, 'utf8').trim(),
    redirect_uris: locales.map((lang) => `${portal}/${lang}/account/identity/return`),
    post_logout_redirect_uris: locales.map((lang) => `${portal}/${lang}/account/sign-in`),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  claims: {
    openid: ['sub'],
    profile: ['family_name', 'given_name', 'birthdate', 'family_name_ar', 'given_name_ar'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
    national_id: ['nin'],
  },
  cookies: { keys: ['demo-provider-cookie-key'] },
  ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60 },
  async findAccount(ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
});
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
