extension DeprecationReport {
    /// The HTML report's style sheet. Routes, client keys and change ids never wrap (a table scrolls sideways
    /// instead); status pills are neutral, the versions' colours being the chart's swatches.
    static let styleSheet = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
        h3 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #e4e8ec; }
        th { background: #f4f6f8; font-weight: 600; }
        table.versions td { white-space: nowrap; }
        table.clients { font-size: 13px; }
        table.clients th, table.clients td { padding: .35rem .4rem; }
        th.number { white-space: normal; }
        .scroll { overflow-x: auto; }
        .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code { font: 12.5px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; white-space: nowrap; }
        td.client code { display: inline-block; max-width: 14rem; overflow: hidden; text-overflow: ellipsis;
            vertical-align: top; }
        td.version, td.seen { white-space: nowrap; }
        .days-left { font-size: 12px; color: #57606a; }
        td.seen { font-size: 12.5px; }
        td.choice { font-size: 12.5px; white-space: nowrap; }
        .warning { display: inline-block; white-space: normal; min-width: 7rem; max-width: 9rem; color: #8a4b00;
            font-weight: 600; }
        ul { margin: 0; padding-left: 1.1rem; }
        td.endpoints li { white-space: nowrap; }
        td.requests { text-align: right; white-space: nowrap; }
        td.requests .total { font-weight: 600; font-variant-numeric: tabular-nums; }
        td.requests .classes { text-align: left; }
        td.changes { min-width: 10rem; }
        td.changes ul { padding: 0; list-style: none; }
        td.changes li { display: inline-block; margin: 0 .6rem .15rem 0; }
        details summary { cursor: pointer; color: #57606a; font-size: 12.5px; }
        .tag { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; padding: 0 .3rem;
            border: 1px solid #b42318; border-radius: .25rem; color: #b42318; }
        .classes { display: inline-grid; grid-template-columns: auto auto; gap: 0 .75rem; justify-items: end;
            font-size: 12.5px; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .class.zero { color: #8c959f; }
        .class.failed { font-weight: 600; color: #b42318; }
        .status { border-radius: 1rem; padding: .05rem .55rem; font-size: 12.5px; background: #eef1f4;
            border: 1px solid #d0d7de; }
        .status.deprecated, .status.retired { font-weight: 600; }
        .swatch { display: inline-block; width: .75rem; height: .75rem; border-radius: .2rem; margin-right: .4rem;
            vertical-align: -.05rem; }
        .notice { border: 1px solid #d4a72c; background: #fff8c5; padding: .6rem .8rem; border-radius: .3rem;
            font-weight: 600; }
        td.summary { min-width: 16rem; }
        figure { margin: 0; overflow-x: auto; }
        svg.chart { width: 100%; height: auto; font-family: system-ui, sans-serif; }
        svg .grid { stroke: #e4e8ec; }
        svg .axis { stroke: #57606a; }
        svg text { fill: #424a53; font-size: 11px; }
        svg .legend { font-size: 12px; fill: #1b1f24; }
        svg .axis-title { font-size: 12px; font-weight: 600; }
        svg .partial { font-style: italic; }
        """
}
