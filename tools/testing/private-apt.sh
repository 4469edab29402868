# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tools/testing/fetch-source and tools/testing/stock/fetch-7.3.
#
# private_apt DIR SUITE
#	Point apt at a configuration of its own under DIR that names only
#	SUITE of Debian's archive, signed by the keyring the system already
#	trusts, and fetch its package lists: nothing of the system's apt
#	sources or state is read or touched.  Exports APT_CONFIG.  Calls
#	die() (the caller's) on failure.

private_apt() {
	local apt=$1 suite=$2
	local mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg

	[ -f "$keyring" ] || die "$keyring is missing (apt-get install debian-archive-keyring)"
	rm -rf "$apt"
	mkdir -p "$apt"/{lists/partial,cache/archives/partial,sources.list.d,preferences.d}
	: >"$apt/status"
	echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt/sources.list"
	cat >"$apt/apt.conf" <<CONF
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/sources.list.d";
Dir::Etc::Preferences "$apt/preferences";
Dir::Etc::PreferencesParts "$apt/preferences.d";
Dir::State::Lists "$apt/lists";
Dir::State::status "$apt/status";
Dir::Cache "$apt/cache";
APT::Architecture "amd64";
APT::Sandbox::User "root";
CONF
	export APT_CONFIG=$apt/apt.conf
	apt-get update -qq >"$apt/update.log" 2>&1 ||
		die "apt-get update of $suite failed, see $apt/update.log"
}
