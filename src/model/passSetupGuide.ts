/** A stand-in address in the guide; the steps use it so the reader replaces it in one place. */
export const GUIDE_EMAIL = 'you@example.com';

/**
 * How to set up `pass` so docker-credential-pass can store logins: the exact
 * commands, in order, each checked on Debian 12 (gpg 2.2, pass 1.7). Markdown,
 * opened as a document beside the editor. The commands are indented code blocks
 * of one line each, which the test runs as written (with gpg's batch flags added).
 */
export function passSetupGuide(registry: string): string {
  return `# Set up \`pass\` for docker-credential-pass

Stowage, like \`docker login\`, stores registry logins through docker-credential-pass
when \`pass\` is installed and your Docker config.json holds no login yet. The helper
keeps each password encrypted with a GnuPG key, in a \`pass\` password store. On this
machine \`pass\` is installed, but that store was never created with \`pass init\` (or
the key it was created for is not in your GnuPG keyring), so the login to ${registry}
could not be stored there.

Run these in a terminal, as the user VS Code runs as.

1. Make a GnuPG key, unless you have one (\`gpg --list-secret-keys\` lists yours).
   Put your name and e-mail address in; gpg asks for a passphrase to protect the key.

        gpg --quick-generate-key "Your Name <${GUIDE_EMAIL}>" default default never

2. Create the password store, encrypted to that key (its e-mail address or key ID):

        pass init ${GUIDE_EMAIL}

3. Check that the helper can use it; this prints \`{}\` (no logins yet):

        docker-credential-pass list

4. Log in again: **Stowage: Log In to Registry…**

When the key has a passphrase, gpg-agent asks for it the first time Stowage or the
docker CLI reads a login in a session: a desktop session shows a prompt; without one
(SSH, a browser-only editor), unlock the key in a terminal first, for example with
\`echo | gpg --clearsign >/dev/null\`.

Choosing **Store in config.json** instead keeps the login base64-encoded, not encrypted,
in config.json, where anyone who can read that file can read the password, as
\`docker login\` warns when it has no credential helper.
`;
}
