// Renders the OpenAPI document this worker serves with the vendored Scalar bundle. Every option that
// would reach a third party (web fonts, the hosted API client, the AI agent, telemetry, MCP) is off, and the theme
// uses the system's fonts: /docs works offline. (The mount point must not be `#api-reference`, which
// the bundle claims for its own auto-mount.)
window.Scalar.createApiReference('#doorstep-api-reference', {
  url: '/openapi.json',
  withDefaultFonts: false,
  customCss: ':root { --scalar-font: system-ui, sans-serif; --scalar-font-code: ui-monospace, monospace; }',
  hideClientButton: true,
  telemetry: false,
  showDeveloperTools: 'never',
  mcp: { disabled: true },
  agent: { disabled: true },
  documentDownloadType: 'json',
});
