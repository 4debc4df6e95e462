// A real OpenID Connect provider (the oidc-provider package) on loopback,
// for leap's single sign-on tests. Run: node provider.mjs PORT
//
// The people: whoever types an e-mail address on the sign-in form is that
// person (subject "id-" + the address, e-mail verified), except addresses
// that start with "unverified", whose e-mail is not verified.
//
// Registered applications: "leap" (secret "leap-test-secret") and
// "another-app", both allowed to send people back to any loopback port.
//
// For the refusal tests, POST /__test/tamper?for=EMAIL&what=WHAT makes the
// next token answer for that person carry an ID token changed that way:
// audience (issued to another application), nonce (of another sign-in),
// issuer (another provider's), expired (issued two hours ago), all signed
// again with the provider's key; or signature (signed with another key).
// Keyed by person, so that tests running at once do not take each other's.
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const port = Number(process.argv[2]);
const issuer = `http://127.0.0.1:${port}`;

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await jose.exportJWK(privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
const { privateKey: strangerKey } = await jose.generateKeyPair('RS256');

const provider = new Provider(issuer, {
  clients: ['leap', 'another-app'].map((id) => ({
    client_id: id,
    client_secret: id === 'leap' ? 'leap-test-secret' : 'another-secret',
    // A native application may come back to a loopback address on any port.
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/login/sso/callback'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['leap-test-provider-cookies'] },
  features: { devInteractions: { enabled: false } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false,
  pkce: { methods: ['S256'], required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const email = sub.replace(/^id-/, '');
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email,
          email_verified: !email.startsWith('unverified'),
          name: email.split('@')[0],
        };
      },
    };
  },
  // First-party applications: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name']);
    await grant.save();
    return grant;
  },
});

const tamper = new Map();
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !ctx.body?.id_token) return;
  const claims = jose.decodeJwt(ctx.body.id_token);
  const what = tamper.get(claims.sub);
  if (!what) return;
  tamper.delete(claims.sub);
  let key = privateKey;
  if (what === 'expired') {
    claims.iat -= 7200;
    claims.exp = claims.iat + 3600;
    if (claims.auth_time) claims.auth_time -= 7200;
  }
  if (what === 'audience') claims.aud = 'another-app';
  if (what === 'nonce') claims.nonce = 'a-nonce-of-another-sign-in';
  if (what === 'issuer') claims.iss = 'http://127.0.0.1:1';
  if (what === 'signature') key = strangerKey;
  ctx.body = {
    ...ctx.body,
    id_token: await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .sign(key),
  };
});

const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;margin:.4rem 0;font-size:1rem;padding:.5rem;box-sizing:border-box}</style>
</head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const readForm = (req) => new Promise((resolve, reject) => {
  let data = '';
  req.on('data', (c) => { data += c; });
  req.on('end', () => resolve(new URLSearchParams(data)));
  req.on('error', reject);
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__test/tamper' && req.method === 'POST') {
      tamper.set(`id-${url.searchParams.get('for')}`, url.searchParams.get('what'));
      res.writeHead(204).end();
      return;
    }
    const interaction = url.pathname.match(/^\/interaction\/([\w-]+)$/);
    if (interaction && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      const client = escape(details.params.client_id);
      const action = `/interaction/${escape(details.uid)}`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (details.prompt.name === 'consent') {
        res.end(page('Test identity provider', `<p>Let ${client} know your name and e-mail address?</p>
<form method="post" action="${action}"><button type="submit">Continue to ${client}</button></form>`));
      } else {
        res.end(page('Test identity provider', `<p>Signing in to ${client}.</p>
<form method="post" action="${action}">
<label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="username" required>
<button type="submit">Sign in</button></form>`));
      }
      return;
    }
    if (interaction && req.method === 'POST') {
      const details = await provider.interactionDetails(req, res);
      const form = await readForm(req);
      if (details.prompt.name === 'consent') {
        // A native application is always asked: the person agrees.
        const grant = new provider.Grant({
          accountId: details.session.accountId,
          clientId: details.params.client_id,
        });
        grant.addOIDCScope('openid email profile');
        grant.addOIDCClaims(['email', 'email_verified', 'name']);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      const email = (form.get('email') || '').trim();
      await provider.interactionFinished(req, res, { login: { accountId: `id-${email}` } }, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  } catch (e) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(String(e));
  }
});
server.listen(port, '127.0.0.1');
