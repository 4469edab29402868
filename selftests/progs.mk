# SPDX-License-Identifier: GPL-2.0
# Our selftest programs: selftests/Makefile builds them, the top-level
# Makefile picks which run where (the debug kernel's run, the ASan one).
PIDNS_SELFTESTS := pidns_nesting pidns_status pidns_proc pidns_signal pidns_last_pid \
		   pidns_fuzz pidns_stress
