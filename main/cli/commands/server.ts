// `berkas server init` and `berkas server`: the department server of team mode (main/server).
// IT runs init once (configuration, archive, first admin, certificate), then the server under
// systemd or as a Windows service (docs/for-it.md).
import { newPasswordFromUser } from '../../accounts/cli-auth.ts';
import { readServerConfig } from '../../server/config.ts';
import { initServer } from '../../server/init.ts';
import { startServer } from '../../server/server.ts';
import { UsageError, type Command } from '../command.ts';
import { parse } from '../args.ts';
import { checkPassword } from './accounts.ts';

function configFlag(value: string | undefined): string {
  if (!value) throw new UsageError('give --config FILE (the server configuration; berkas server init writes it)');
  return value;
}

export const serverInitCommand: Command = {
  name: 'server init',
  summary: 'Set up the department server: configuration, archive, first admin, TLS certificate (prints its fingerprint)',
  usage: [
    'berkas server init --config FILE [--archive DIR] [--name HOST …] [--port N] [--cert PEM --key PEM] [--admin NAME] [--display-name TEXT]',
    'Writes FILE unless it exists (archive default: arsip/ beside it; names: this machine, localhost, 127.0.0.1; port 8443).',
    'Without --cert/--key a self-signed certificate for the names is made; clients pin the fingerprint printed here.',
    'The first admin\'s password comes from BERKAS_NEW_PASSWORD or is asked twice. Run again, init only completes what is missing.',
  ],
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      config: { type: 'string' },
      archive: { type: 'string' },
      name: { type: 'string', multiple: true },
      port: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      admin: { type: 'string' },
      'display-name': { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const config = configFlag(values.config);
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError(`--port must be a number from 1 to 65535, not "${values.port}"`);
    const admin = values.admin ? { name: values.admin, displayName: values['display-name'], password: checkPassword(await newPasswordFromUser('BERKAS_NEW_PASSWORD')) } : undefined;
    const result = await initServer({ config, archive: values.archive, names: values.name, port, cert: values.cert, key: values.key, admin });
    ctx.report(
      [
        `${result.configWritten ? 'Wrote' : 'Kept'} ${result.config.file}`,
        `Archive: ${result.config.archive}`,
        result.adminCreated ? `First admin: ${result.adminCreated}` : 'Users: already set up',
        `${result.certificateMade ? 'Made a self-signed certificate' : 'Certificate'}: ${result.config.tls.cert} (names: ${result.config.names.join(', ')})`,
        `Sidik jari / fingerprint (SHA-256), for "Sambungkan ke server dinas":`,
        `  ${result.fingerprint}`,
        `Start it with: berkas server --config ${result.config.file}`,
      ],
      { config: result.config.file, archive: result.config.archive, names: result.config.names, port: result.config.listen.port, fingerprint: result.fingerprint, adminCreated: result.adminCreated, certificateMade: result.certificateMade },
    );
    return 0;
  },
};

export const serverCommand: Command = {
  name: 'server',
  summary: 'Run the department server (team mode) over HTTPS for every signed-in user',
  usage: 'berkas server --config FILE   runs until stopped (SIGTERM / Ctrl+C), then closes the archive cleanly',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { config: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const config = readServerConfig(configFlag(values.config));
    const server = await startServer({ config });
    ctx.report(
      [`Berkas server: https://${config.names[0]}:${server.port}/ (archive ${config.archive})`, `Sidik jari / fingerprint (SHA-256): ${server.fingerprint}`],
      { port: server.port, names: config.names, fingerprint: server.fingerprint, archive: config.archive },
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
