import Versioning

/// What `versiongate init` writes: a first version, a commented template for the next one, and a `serve` config
/// file with every option, for a team putting VersionGate in front of its own API.
enum StarterFiles {
    /// Paths relative to the directory `init` writes into, with their contents.
    static func files(releasedOn today: CalendarDate) -> [(path: String, text: String)] {
        [
            ("versions/v1.yaml", self.firstVersion(releasedOn: today)),
            ("versions/v2.yaml.example", self.nextVersion),
            ("versiongate.yaml", self.configuration),
        ]
    }

    static func firstVersion(releasedOn today: CalendarDate) -> String {
        """
        # The version your API speaks today. VersionGate serves it as the current version.
        # When the next version ships, add `successor: v2` here (see v2.yaml.example).
        version: v1
        status: current
        released: \(today)
        summary: >-
          The first version of the API.

        """
    }

    static let nextVersion = """
        # A template for your next version. To start it, from the directory that holds versions/:
        #   1. copy this file to versions/v2.yaml (only *.yaml files are versions);
        #   2. add `successor: v2` to versions/v1.yaml;
        #   3. write migration-guides/v1-to-v2.md, beside versions/ (versiongate guide v1 v2 drafts it from the changes);
        #   4. versiongate check versions
        # A draft is served only to the clients in `preview` (registry ids or names; `open` for everyone), so you can
        # try it on real traffic before releasing it (status: current, released: <date>).
        version: v2
        status: draft
        previous: v1
        preview: open
        summary: >-
          What changes for clients, in one sentence.
        # Each change reads from v1's form to v2's; the gateway translates both ways. Scope a change with
        # `endpoints:` (path templates) and `methods:`; leave them out to apply it everywhere.
        changes:
          - id: customers-are-accounts
            summary: The /customers endpoints are now /accounts.
            breaking: true
            rename-path: {from: /customers, to: /accounts}
          - id: name-is-display-name
            summary: An account's name is in display_name instead of name.
            breaking: true
            endpoints: [/accounts, "/accounts/{id}"]
            rename-field: {from: name, to: display_name}
          # Other kinds: rename-query-parameter, rename-header, wrap-fields, convert-format, map-values,
          # reshape-list, add-field, remove-field. versions/README.md in the VersionGate repository describes each.

        """

    static let configuration = """
        # versiongate serve --config versiongate.yaml
        # Every option of `serve`, by its long name. The command line overrides this file. Relative paths are
        # relative to this file. Secrets never go here: the admin token, the fingerprint key and the database
        # password come from the environment (VERSIONGATE_ADMIN_TOKEN or VERSIONGATE_ADMIN_TOKEN_FILE,
        # VERSIONGATE_FINGERPRINT_KEY or VERSIONGATE_FINGERPRINT_KEY_FILE, PGPASSWORD, PGPASSWORD_FILE or PGPASSFILE).

        # Your API, and the version it speaks (default: the current version).
        upstream: http://127.0.0.1:3000
        # upstream-version: v1
        # Versions with a backend of their own, forwarded there untranslated.
        # version-upstream:
        #   v1: http://127.0.0.1:3001

        # The manifests (v1.yaml, …) and the migration guides (default: migration-guides beside versions).
        versions: versions
        # guides: migration-guides
        # Least months between a successor's release and its predecessor's sunset.
        # min-sunset-months: 12

        # Where to listen; port 0 picks a free one. One event loop per thread.
        # host: 127.0.0.1
        # port: 8080
        # threads: 1

        # Seconds an upstream exchange may take before the client gets 504; the largest body to translate, in bytes.
        # upstream-timeout: 30
        # max-body-bytes: 16777216
        # Most bytes of request and response bodies held at once, across connections (past it: 503, Retry-After).
        # max-buffered-bytes: 268435456
        # Seconds a connection may wait between requests, a request head and body may take (else 408), and
        # requests in flight may take to finish on shutdown.
        # idle-timeout: 60
        # header-timeout: 20
        # body-timeout: 60
        # drain-timeout: 30

        # How requests name their version: the header, and optionally a query parameter or a first path segment.
        # version-header: API-Version
        # version-query: api-version
        # version-path-prefix: false
        # keep-version-prefix: false
        # The header that asks for a shadow preview of a newer version.
        # preview-header: API-Version-Preview

        # The gateway's own endpoints (health, guides, report, metrics), and where guides are published instead.
        # admin-prefix: /_versiongate
        # docs-base-url: https://docs.example.com/migrations
        # How the gateway names itself in Via; off sends none.
        # via: versiongate

        # Client tokens (versiongate clients create): off, optional or required.
        # auth: off
        # Where test clients' requests go (vg_test_ tokens); without it they get 403.
        # sandbox-upstream: http://127.0.0.1:3100
        # pin-on-first-request: false
        # forward-credentials: false
        # upstream-client-id-header: X-Client-ID
        # Names clients by this header when auth is off.
        # client-id-header: X-Client-ID

        # The usage ledger and client registry: sqlite:PATH, postgres://USER@HOST:PORT/DB, or off. The default is in
        # the working directory; a path given here is relative to this file.
        # store: sqlite:versiongate-usage.db
        # flush-interval: 5
        # metrics: on
        # metrics-public: false
        # access-log: off
        # log-format: text

        """
}
