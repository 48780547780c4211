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
            # The next version, in preview. Each change reads from v1's form to v2's.
            version: v2
            status: draft
            previous: v1
            preview: open
            summary: >-
              Suppliers instead of vendors, structured money, RFC 3339 timestamps and a uniform list envelope.
            changes:
              - id: vendors-are-suppliers
                summary: The /vendors endpoints are now /suppliers.
                breaking: true
                rename-path: {from: /vendors, to: /suppliers}
              - id: purchase-order-supplier-id
                summary: Purchase orders name their supplier in supplier_id instead of vendor_id.
                breaking: true
                endpoints: [/purchase-orders, "/purchase-orders/{id}"]
                rename-field: {from: vendor_id, to: supplier_id}
              - id: purchase-order-supplier-filter
                summary: The purchase order list filters with ?supplier_id= instead of ?vendor_id=.
                breaking: true
                endpoints: [/purchase-orders]
                rename-query-parameter: {from: vendor_id, to: supplier_id}
              - id: money-is-an-object
                summary: A purchase order's total is one object of amount and currency.
                breaking: true
                endpoints: [/purchase-orders, "/purchase-orders/{id}"]
                wrap-fields: {into: total, members: {amount: total, currency: currency}}
              - id: created-is-created-at
                summary: Resources carry their creation time in created_at instead of created.
                breaking: true
                rename-field: {from: created, to: created_at}
              - id: created-at-is-rfc3339
                summary: Creation times are RFC 3339 strings in UTC instead of unix seconds.
                breaking: true
                convert-format: {field: created_at, from: unix-seconds, to: rfc3339}
              - id: work-orders-complete-or-cancel
                summary: A finished work order is completed or cancelled instead of closed.
                breaking: true
                endpoints: [/work-orders, "/work-orders/{id}"]
                map-values: {field: status, forward: {closed: completed}, backward: {completed: closed, cancelled: closed}}
              - id: inventory-on-hand
                summary: Inventory items count their stock in on_hand instead of quantity_on_hand.
                breaking: true
                endpoints: [/inventory, "/inventory/{id}"]
                rename-field: {from: quantity_on_hand, to: on_hand}
              - id: list-envelope
                summary: 'Lists are {"data": [...], "meta": {"total": N}} instead of {"results": [...], "count": N}.'
                breaking: true
                reshape-list: {from: {items: results, total: count}, to: {items: data, total: meta.total}}
              - id: page-size-is-limit
                summary: Lists take ?limit= instead of ?per_page=.
                breaking: true
                rename-query-parameter: {from: per_page, to: limit}
              - id: syncs-are-a-collection
                summary: A sync is started with POST /connections/{id}/syncs instead of /sync.
                breaking: true
                methods: [POST]
                rename-path: {from: "/connections/{id}/sync", to: "/connections/{id}/syncs"}
              - id: sync-mode
                summary: A sync names its mode instead of a full flag.
                breaking: true
                endpoints: ["/connections/{id}/syncs"]
                rename-field: {from: full, to: mode}
              - id: sync-mode-values
                summary: The sync mode is "full" or "incremental" instead of true or false.
                breaking: true
                endpoints: ["/connections/{id}/syncs"]
                map-values: {field: mode, forward: {true: full, false: incremental}, backward: {full: true, incremental: false}}

            """
        ),
    ]

    /// File name and text of each bundled migration guide.
    public static let guides: [(name: String, text: String)] = [
        (
            "v1-to-v2.md",
            """
            # Migrating from v1 to v2

            Suppliers instead of vendors, structured money, RFC 3339 timestamps and a uniform list envelope.

            Send `API-Version: v2` once your client handles the changes below (13 in all, 13 breaking). Until then the gateway keeps serving v1 exactly as before.

            ## The /vendors endpoints are now /suppliers.

            - Change: `vendors-are-suppliers` (rename-path), **breaking**

            v1:

            ```
            /vendors
            ```

            v2:

            ```
            /suppliers
            ```

            What to do: call `/suppliers` where you called `/vendors`.

            ## Purchase orders name their supplier in supplier_id instead of vendor_id.

            - Change: `purchase-order-supplier-id` (rename-field), **breaking**
            - Endpoints: `/purchase-orders`, `/purchase-orders/{id}`

            v1:

            ```
            {"vendor_id": …}
            ```

            v2:

            ```
            {"supplier_id": …}
            ```

            What to do: read and write `supplier_id` instead of `vendor_id`.

            ## The purchase order list filters with ?supplier_id= instead of ?vendor_id=.

            - Change: `purchase-order-supplier-filter` (rename-query-parameter), **breaking**
            - Endpoints: `/purchase-orders`

            v1:

            ```
            ?vendor_id=…
            ```

            v2:

            ```
            ?supplier_id=…
            ```

            What to do: send `supplier_id` instead of `vendor_id`.

            ## A purchase order's total is one object of amount and currency.

            - Change: `money-is-an-object` (wrap-fields), **breaking**
            - Endpoints: `/purchase-orders`, `/purchase-orders/{id}`

            v1:

            ```
            {"total": …, "currency": …}
            ```

            v2:

            ```
            {"total": {"amount": …, "currency": …}}
            ```

            What to do: read and write `total`, `currency` as the members of `total`.

            ## Resources carry their creation time in created_at instead of created.

            - Change: `created-is-created-at` (rename-field), **breaking**

            v1:

            ```
            {"created": …}
            ```

            v2:

            ```
            {"created_at": …}
            ```

            What to do: read and write `created_at` instead of `created`.

            ## Creation times are RFC 3339 strings in UTC instead of unix seconds.

            - Change: `created-at-is-rfc3339` (convert-format), **breaking**

            v1:

            ```
            {"created_at": 1768469400}
            ```

            v2:

            ```
            {"created_at": "2026-01-15T09:30:00Z"}
            ```

            What to do: read and write `created_at` as an RFC 3339 string in UTC instead of unix seconds.

            ## A finished work order is completed or cancelled instead of closed.

            - Change: `work-orders-complete-or-cancel` (map-values), **breaking**
            - Endpoints: `/work-orders`, `/work-orders/{id}`

            v1:

            ```
            "status": "closed"
            ```

            v2:

            ```
            "status": "completed"
            ```

            What to do: send the new values; expect "completed" (was "closed"), "cancelled" (was "closed") in `status`.

            ## Inventory items count their stock in on_hand instead of quantity_on_hand.

            - Change: `inventory-on-hand` (rename-field), **breaking**
            - Endpoints: `/inventory`, `/inventory/{id}`

            v1:

            ```
            {"quantity_on_hand": …}
            ```

            v2:

            ```
            {"on_hand": …}
            ```

            What to do: read and write `on_hand` instead of `quantity_on_hand`.

            ## Lists are {"data": [...], "meta": {"total": N}} instead of {"results": [...], "count": N}.

            - Change: `list-envelope` (reshape-list), **breaking**

            v1:

            ```
            {"results":[…],"count":0}
            ```

            v2:

            ```
            {"data":[…],"meta":{"total":0}}
            ```

            What to do: read list items from `data` and the total from `meta.total`.

            ## Lists take ?limit= instead of ?per_page=.

            - Change: `page-size-is-limit` (rename-query-parameter), **breaking**

            v1:

            ```
            ?per_page=…
            ```

            v2:

            ```
            ?limit=…
            ```

            What to do: send `limit` instead of `per_page`.

            ## A sync is started with POST /connections/{id}/syncs instead of /sync.

            - Change: `syncs-are-a-collection` (rename-path), **breaking**
            - Methods: POST

            v1:

            ```
            /connections/{id}/sync
            ```

            v2:

            ```
            /connections/{id}/syncs
            ```

            What to do: call `/connections/{id}/syncs` where you called `/connections/{id}/sync`.

            ## A sync names its mode instead of a full flag.

            - Change: `sync-mode` (rename-field), **breaking**
            - Endpoints: `/connections/{id}/syncs`

            v1:

            ```
            {"full": …}
            ```

            v2:

            ```
            {"mode": …}
            ```

            What to do: read and write `mode` instead of `full`.

            ## The sync mode is "full" or "incremental" instead of true or false.

            - Change: `sync-mode-values` (map-values), **breaking**
            - Endpoints: `/connections/{id}/syncs`

            v1:

            ```
            "mode": true
            "mode": false
            ```

            v2:

            ```
            "mode": "full"
            "mode": "incremental"
            ```

            What to do: send the new values; expect "full" (was true), "incremental" (was false) in `mode`.

            """
        )
    ]
}
