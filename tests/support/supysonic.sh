#!/bin/sh
# Starts a supysonic server on loopback for tests/server.rs:
#   supysonic.sh DIR MUSIC PORT USER   (the password on standard input)
# DIR gets supysonic.conf (supysonic reads ./supysonic.conf from its working folder),
# its database and cache; MUSIC is scanned as the server's one folder; then the
# server runs in the foreground (waitress) until it is killed.
set -eu
dir=$1 music=$2 port=$3 user=$4
IFS= read -r password
mkdir -p "$dir"
cd "$dir"
cat > supysonic.conf <<CONF
[base]
database_uri = sqlite:///$dir/supysonic.db
[webapp]
cache_dir = $dir/cache
log_level = WARNING
mount_webui = off
[daemon]
socket = $dir/daemon.sock
run_watcher = no
CONF
# The password goes to supysonic-cli's prompt, not its command line.
printf '%s\n%s\n' "$password" "$password" | supysonic-cli user add "$user" >/dev/null 2>&1
supysonic-cli user setroles -A "$user" >/dev/null
supysonic-cli folder add music "$music" >/dev/null
supysonic-cli folder scan music >/dev/null 2>&1
echo "supysonic: ready to start on 127.0.0.1:$port" >&2
exec supysonic-server -S waitress -h 127.0.0.1 -p "$port"
