-- Headless Neovim (0.7+) check of the Bramble language server through Neovim's own LSP client.
-- Usage: BRAMBLE_JAR=server/target/bramble.jar nvim --headless --clean -c "luafile check_lsp.lua" FILE.bramble
-- FILE must contain "[vocab, dimm]" (a misspelled constant) on its line 11 (line 10 counted from 0).
-- Exits 0 when the expected diagnostic and a hover on `dim` arrive; otherwise prints why and exits 1.

local function fail(msg)
  io.stderr:write("nvim-lsp-check: FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local jar = os.getenv("BRAMBLE_JAR")
if not jar or jar == "" then fail("set BRAMBLE_JAR to the server jar") end

vim.bo.filetype = "bramble"
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "bramble",
  cmd = { "java", "-Xmx128m", "-XX:+UseSerialGC", "-Xss4m", "-jar", jar, "lsp" },   -- as docs/editors.md gives it
  root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":p:h"),
  init_options = { debounceMillis = 20 },
})
if not client_id then fail("vim.lsp.start_client returned nil") end
vim.lsp.buf_attach_client(bufnr, client_id)

-- 1. Diagnostics are pushed after didOpen.
local arrived = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
if not arrived then fail("no diagnostics within 30 s") end
-- In position order, as `bramble check` prints them: the copy has no weights file beside it, so
-- the weights line (6) comes before the misspelled constant (10).
local d = nil
local seen = {}
for _, x in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(seen, "line " .. x.lnum .. ": " .. x.message)
  if x.lnum == 10 and string.find(x.message, "unknown constant 'dimm'", 1, true) then d = x end
end
if not d then fail("no 'unknown constant' diagnostic on line 10; got: " .. table.concat(seen, "; ")) end
io.stderr:write("nvim-lsp-check: diagnostic line " .. d.lnum .. ": " .. d.message .. "\n")

-- 2. Hover on the definition of `dim` (line 4, column 5) answers with its value.
local client = vim.lsp.get_client_by_id(client_id)
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 4, character = 5 } }
local response, err = client.request_sync("textDocument/hover", params, 20000, bufnr)
if not response or response.err or not response.result then
  fail("no hover: " .. vim.inspect(err or response))
end
local value = response.result.contents.value
if not string.find(value, "dim = 16", 1, true) then fail("hover says: " .. value) end
io.stderr:write("nvim-lsp-check: hover: " .. value:gsub("\n", " ") .. "\n")

-- 3. Clean shutdown.
vim.lsp.stop_client(client_id)
vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
io.stderr:write("nvim-lsp-check: OK\n")
vim.cmd("qall!")
