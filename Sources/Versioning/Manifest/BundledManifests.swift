/// The manifests of `versions/` and the guides of `migration-guides/`, compiled in, so that `versiongate demo` and
/// `serve` run from the binary alone. A test keeps them identical to the files.
public enum BundledManifests {
    /// File name and text of each bundled manifest.
    public static let files: [(name: String, text: String)] = [
        (
            "v1.yaml",
            """
            # The first public version of the unified ERP & maintenance API.
            version: v1
            status: current
            released: 2025-03-01
            successor: v2
            summary: >-
              The first public version: vendors, purchase orders, work orders, inventory, connections and syncs.

            """
        ),
        (
            "v2.yaml",
            """
            # The next version, in preview. Its changes against v1 are declared here as they land.
            version: v2
            status: draft
            previous: v1
            preview: open
            summary: >-
              Suppliers instead of vendors, structured money, RFC 3339 timestamps and a uniform list envelope.

            """
        ),
    ]

    /// File name and text of each bundled migration guide.
    public static let guides: [(name: String, text: String)] = [
        (
            "v1-to-v2.md",
            """
            # Migrating from v1 to v2

            v2 is a draft, open for preview. It declares no changes against v1 yet, so a v1 client works unchanged when it
            sends `API-Version: v2`. Each change is listed here, with what to do, as v2's manifest declares it.

            """
        )
    ]
}
