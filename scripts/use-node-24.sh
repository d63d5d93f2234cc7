# Puts Node.js 24 first on PATH in this shell:  . scripts/use-node-24.sh
#
# The project needs Node 24 (Astro 7, Vitest 5 and the Netlify packages need >= 22.12; package.json
# says 24). If `node --version` already says v24, this does nothing. Otherwise it installs the
# official Node binary from the npm registry package node-<platform>-<arch>@24 once, into
# ~/.cache/innovationsslussen-node24 (about 120 MB), using the npm you have – no nvm, no root, and it
# works where only the npm registry is reachable. CI (.ci/run) uses this same file. With nvm you can
# instead run `nvm install` in the project folder (it reads .nvmrc).
_node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$_node_major" -lt 24 ]; then
  _node_dir="${NODE24_DIR:-$HOME/.cache/innovationsslussen-node24}"
  _node_pkg="node-$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
  if [ ! -x "$_node_dir/node_modules/$_node_pkg/bin/node" ]; then
    echo "Installing Node 24 ($_node_pkg@24) into $_node_dir …" >&2
    mkdir -p "$_node_dir" &&
      npm install --prefix "$_node_dir" --no-save --no-audit --no-fund --loglevel=error "$_node_pkg@24" >&2
  fi
  export PATH="$_node_dir/node_modules/$_node_pkg/bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)" >&2
unset _node_major _node_dir _node_pkg
