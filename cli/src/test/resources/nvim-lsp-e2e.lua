-- Drives Neovim's built-in LSP client (0.7) against `falcoc lsp`; writes what it saw as JSON.
local out = { errors = {} }
local function env_json(name) return vim.fn.json_decode(vim.env[name]) end
local spots = env_json('FALCOC_SPOTS')

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.FALCOC_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'falcoc',
  cmd = env_json('FALCOC_CMD'),
  root_dir = vim.env.FALCOC_ROOT,
})
vim.lsp.buf_attach_client(bufnr, id)

vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, code = code, severity = d.severity })
end

local function req(method, spot, extra)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = spot[1], character = spot[2] } }
  for k, v in pairs(extra or {}) do params[k] = v end
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, 15000)
  if err then table.insert(out.errors, method .. ': ' .. tostring(err)) end
  for _, r in pairs(res or {}) do
    if r.err then table.insert(out.errors, method .. ': ' .. vim.inspect(r.err)) end
    if r.result then return r.result end
  end
  return vim.NIL
end

local hover = req('textDocument/hover', spots.hover)
out.hover = hover ~= vim.NIL and hover.contents.value or ''
local def = req('textDocument/definition', spots.definition)
out.definition = def
local comp = req('textDocument/completion', spots.completion)
out.completion = {}
local items = comp ~= vim.NIL and (comp.items or comp) or {}
for _, it in ipairs(items) do table.insert(out.completion, it.label) end
local edit = req('textDocument/rename', spots.rename, { newName = 'my_process' })
if edit ~= vim.NIL then vim.lsp.util.apply_workspace_edit(edit, 'utf-16') end
out.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.FALCOC_OUT)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')
