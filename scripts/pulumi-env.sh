# Sets up the shell for running the Pulumi engine of this repository offline.
# Use it with `source scripts/pulumi-env.sh` (bash or zsh) after scripts/build-pulumi-engine.sh.
#
# Stacks live in a local file backend under .tools/pulumi-state, and secrets are encrypted with a
# passphrase, so no Pulumi Cloud account and no network access are needed. Values that are
# already set in the environment are kept for PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE.

if [ -n "${BASH_SOURCE:-}" ]; then
  _pulumi_env_script="${BASH_SOURCE[0]}"
else
  # zsh sets $0 to the sourced file.
  _pulumi_env_script="$0"
fi
PULUMI_THRAD_ROOT="$(cd "$(dirname "$_pulumi_env_script")/.." && pwd)"
unset _pulumi_env_script
export PULUMI_THRAD_ROOT

case ":$PATH:" in
  *":$PULUMI_THRAD_ROOT/.tools/bin:"*) ;;
  *) export PATH="$PULUMI_THRAD_ROOT/.tools/bin:$PATH" ;;
esac

# Plugins, workspace settings and credentials go here instead of ~/.pulumi.
export PULUMI_HOME="$PULUMI_THRAD_ROOT/.tools/pulumi-home"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$PULUMI_THRAD_ROOT/.tools/pulumi-state}"
# A fixed passphrase for local test stacks only, used unless PULUMI_CONFIG_PASSPHRASE or
# PULUMI_CONFIG_PASSPHRASE_FILE is set. A stack must keep the passphrase it was created with, so
# set your own before creating stacks that hold real secrets.
if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE=pulumi-thrad-local
fi
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS=true

mkdir -p "$PULUMI_HOME"
if [ "$PULUMI_BACKEND_URL" = "file://$PULUMI_THRAD_ROOT/.tools/pulumi-state" ]; then
  mkdir -p "$PULUMI_THRAD_ROOT/.tools/pulumi-state"
fi
