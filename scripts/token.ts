/**
 * Prints a bearer token the gateway accepts, for development: any subject, any roles.
 *
 *   pnpm --silent token demo-dana                      # the embedded demo owner
 *   pnpm --silent token clerk-42 --roles registrar     # licensure staff
 *   pnpm --silent token ops --roles admin --expires 2h
 *
 * The secret is JWT_SECRET when set, otherwise the embedded stack's (PSA_DATA_DIR, default .data/embedded).
 * Refused with NODE_ENV=production: there, tokens come from the identity provider.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signBearerToken } from '@psa/gateway';

const USAGE = 'usage: pnpm --silent token <subject> [--roles role1,role2] [--expires 1h|30m|7d]';

function parse(argv: string[]): { subject: string; roles: string[]; expires: string } {
  const [subject, ...rest] = argv;
  if (!subject || subject.startsWith('-')) throw new Error(USAGE);
  let roles: string[] = [];
  let expires = '1h';
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === '--roles')
      roles = value
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
    else if (flag === '--expires') expires = value;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (!/^\d+[smhd]$/.test(expires)) throw new Error(`--expires must be a number and s, m, h or d (e.g. 1h), got "${expires}"`);
  return { subject, roles, expires };
}

function secret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(resolve(join(__dirname, '..'), process.env.PSA_DATA_DIR ?? '.data/embedded'), 'secrets.json');
  if (!existsSync(file)) throw new Error(`set JWT_SECRET, or start the embedded stack once (it keeps its secrets in ${file})`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret;
}

async function main() {
  if (process.env.NODE_ENV === 'production') throw new Error('refused with NODE_ENV=production: tokens come from the identity provider there');
  const { subject, roles, expires } = parse(process.argv.slice(2));
  console.log(await signBearerToken(secret(), subject, roles, expires));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
