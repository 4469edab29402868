# SPDX-License-Identifier: GPL-2.0
#
# pidns: nested pid namespaces made inspectable and restorable.
#
#   make run      build the patched kernel, boot it, show the seed's pid tree
#   make check    everything a submission must pass; ends "N passed, N failed, N skipped"
#
# All output goes to build/.  See README.md.

BUILD      := $(CURDIR)/build
SRC        := $(BUILD)/linux
OBJ        := $(BUILD)/obj
RESULTS    := $(BUILD)/results
HEADERS    := $(BUILD)/headers
BZIMAGE    := $(OBJ)/arch/x86/boot/bzImage
KSFT_DIR   := $(SRC)/tools/testing/selftests
STOCK      := $(BUILD)/stock
MODTESTS   := $(BUILD)/modtests

# The base tree: Debian's linux-source-7.3 (current mainline, from
# trixie-backports, unpacked into build/ by make deps) unless KERNEL_SRC names
# a kernel git tree or directory (for example a vanilla v7.3 checkout).
KERNEL_PACKAGE ?= linux-source-7.3
KERNEL_SUITE   ?= trixie-backports
KERNEL_DEB_DIR := $(BUILD)/$(KERNEL_PACKAGE)
KERNEL_TARBALL ?= $(KERNEL_DEB_DIR)/usr/src/$(KERNEL_PACKAGE).tar.xz
KERNEL_SRC     ?=
KERNEL_ORIGIN  := $(or $(KERNEL_SRC),$(KERNEL_TARBALL))

JOBS       ?= $(shell nproc)
VM_TIMEOUT ?= 1500
VM_CPUS    ?= 2
TESTS      ?=
export VM_CPUS TESTS


# Upstream selftests run in the VM next to ours (see selftests/upstream.list).
UPSTREAM_DIRS := pid_namespace filesystems/nsfs clone3 pidfd namespaces

# Reproducible builds, and ccache hits across build directories.
export CCACHE_BASEDIR := $(BUILD)
export KBUILD_BUILD_TIMESTAMP := 2024-11-17
export KBUILD_BUILD_USER := pidns
export KBUILD_BUILD_HOST := pidns
KMAKE = $(MAKE) -s -C $(SRC) ARCH=x86_64 CC="ccache gcc" -j$(JOBS)

KCONFIG_FRAGMENTS = $(CURDIR)/Kconfig.fragment $(CURDIR)/selftests/config \
	$(wildcard $(foreach d,$(UPSTREAM_DIRS),$(KSFT_DIR)/$(d)/config))

SELFTEST_ENV = KSFT_DIR=$(KSFT_DIR) KHDR_INCLUDES="-isystem $(HEADERS)/include" \
	USERLDFLAGS=-static

.PHONY: all deps kernel tree headers selftests vm-test check run patches \
	module module-patched modtests stock-test dkms-src tool tool-test \
	check-patches-fresh check-gates check-workbench kernel-reset clean help kernel-debug \
	debug-check vm-debug selftests-san kernel-base parity bench bench-overhead bench-stock module-nohier fuzz

all: kernel

# One kernel build at a time: each already uses every core.
.NOTPARALLEL:

help:
	@sed -n '3,8p' Makefile | sed 's/^# \{0,1\}//'

deps:
	@tools/testing/deps
	@$(if $(KERNEL_SRC),true,tools/testing/fetch-source $(KERNEL_DEB_DIR) $(KERNEL_PACKAGE) $(KERNEL_SUITE))
	@tools/testing/stock/fetch $(STOCK)
	@tools/testing/stock/fetch-7.3 $(STOCK)

# ---- the patched kernel -----------------------------------------------------

tree: | deps
	@tools/testing/kernel/prepare-tree $(SRC) $(CURDIR)/patches $(KERNEL_ORIGIN)

kernel: tree
	@tools/testing/kernel/configure $(SRC) $(OBJ) $(KCONFIG_FRAGMENTS)
	@JOBS=$(JOBS) tools/testing/kernel/build $(SRC) $(OBJ) bzImage modules

headers: tree
	@$(KMAKE) O=$(OBJ) headers_install INSTALL_HDR_PATH=$(HEADERS) >/dev/null

# Export the commits of build/linux (branch "series", on tag "base") as the
# series; make check fails when patches/ and the tree disagree.
patches: tree
	@tools/testing/kernel/export-series $(SRC) $(CURDIR)/patches

check-patches-fresh: tree
	@tools/testing/kernel/export-series --check $(SRC) $(CURDIR)/patches $(RESULTS)/patches-fresh.result

# Drop commits and edits made in build/linux that were not exported.
kernel-reset:
	@git -C $(SRC) config --unset pidns.series || true
	@git -C $(SRC) config --unset pidns.applied || true
	@$(MAKE) -s tree

# ---- patch-quality gates ----------------------------------------------------

check-gates: kernel
	@tools/testing/gates/series-gates $(SRC) $(BUILD)/obj-gates $(RESULTS)/gates.result \
		$(sort $(filter-out %/0000-cover-letter.patch,$(wildcard patches/*.patch)))
	@tools/testing/gates/selftest $(SRC) $(BUILD)/obj-gates $(RESULTS)/gates-selftest.result

# The workbench's own failure handling: bad sources, patches, configs, VMs.
check-workbench: kernel $(BUILD)/vm/init
	@mkdir -p $(RESULTS)
	@tools/testing/workbench-selftest $(BUILD) $(BZIMAGE) $(RESULTS)/workbench.result

# ---- tests in the VM --------------------------------------------------------

selftests: headers
	@mkdir -p $(BUILD)/selftests $(addprefix $(BUILD)/upstream/,$(UPSTREAM_DIRS))
	@$(MAKE) -s -C selftests OUTPUT=$(BUILD)/selftests $(SELFTEST_ENV)
	@for d in $(UPSTREAM_DIRS); do \
		$(MAKE) -s -C $(KSFT_DIR)/$$d OUTPUT=$(BUILD)/upstream/$$d $(SELFTEST_ENV) || exit 1; \
	done

# The fuzzer and the stress test again under AddressSanitizer and UBSan,
# dynamically linked (ASan cannot be static) and bundled with their
# libraries for the VM, which has none.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_PROGS := pidns_fuzz pidns_stress

selftests-san: headers
	@mkdir -p $(BUILD)/selftests-san
	@$(MAKE) -s -C selftests OUTPUT=$(BUILD)/selftests-san KSFT_DIR=$(KSFT_DIR) \
		KHDR_INCLUDES="-isystem $(HEADERS)/include" USERCFLAGS="$(SAN_FLAGS) -g" \
		USERLDFLAGS="$(SAN_FLAGS) -static-libasan -static-libubsan" \
		$(addprefix $(BUILD)/selftests-san/,$(SAN_PROGS))
	@tools/testing/vm/bundle $(BUILD)/vm/san $(addprefix $(BUILD)/selftests-san/,$(SAN_PROGS))

SAN_RUN := /san/ld-linux-x86-64.so.2 --library-path /san

$(BUILD)/vm/init: tools/testing/vm/init.c | deps
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -o $@ $<

vm-test: kernel selftests selftests-san $(BUILD)/vm/init module-patched tool
	@VM_DIRS="module=$(BUILD)/module/patched/kernel pidnstool=$(TOOLS) san=$(BUILD)/vm/san" \
		tools/testing/vm/run-tests $(BZIMAGE) $(BUILD) vm $(VM_TIMEOUT) \
		"120 module/refuses-on-series /vmtools/module-refuses /module/pidns.ko" \
		"300 pidns-tool /pidnstool/pidns-test /pidnstool/pidns" \
		"600 pidns_fuzz-asan-ubsan $(SAN_RUN) /san/pidns_fuzz -n 100000" \
		"300 pidns_stress-asan-ubsan $(SAN_RUN) /san/pidns_stress -t 15"

# ---- the fuzzer, longer -------------------------------------------------------

# pidns_fuzz runs in make check with its default seed and 100,000 calls
# (the series' VM and every stock VM); this runs it alone on the series'
# kernel with FUZZ_CALLS calls from SEED (by default, a new one each time),
# which "make fuzz SEED=n" replays exactly.
SEED       ?= $(shell date +%s)
FUZZ_CALLS ?= 1000000
fuzz: kernel selftests $(BUILD)/vm/init
	@echo "3000 pidns_fuzz /tests/pidns_fuzz -s $(SEED) -n $(FUZZ_CALLS)" >$(BUILD)/vm/plan.fuzz
	@echo "  FUZZ    seed $(SEED), $(FUZZ_CALLS) calls"
	@status=0; tools/testing/vm/run-plan $(BZIMAGE) $(BUILD) vm-fuzz 3600 $(BUILD)/vm/plan.fuzz \
		$(RESULTS)/fuzz.result tests=$(BUILD)/selftests || status=$$?; \
	grep '^# .*, \(GET\|SET\):' $(BUILD)/vm-fuzz/results.log || true; exit $$status

# ---- no regression: the same upstream selftests on the unpatched kernel --------

# Base (tag "base") with the test configuration less the series' options,
# built in the gates' tree, which has built the series patch by patch: an
# incremental build.
BASE_KERNEL := $(BUILD)/base

kernel-base: kernel
	@JOBS=$(JOBS) tools/testing/kernel/build-base $(SRC) $(BUILD)/obj-gates $(OBJ)/.config $(BASE_KERNEL)

# Every upstream program base has, case by case against the series' VM run
# (vm-test's result, which make check makes first; run vm-test before a
# parity of its own).  Not a prerequisite: a failed test there must not
# keep parity from running.
parity: kernel-base selftests $(BUILD)/vm/init
	@tools/testing/parity $(BASE_KERNEL)/bzImage $(BUILD) $(SRC) $(RESULTS)/vm.result \
		$(RESULTS)/parity.result

# ---- the same tests on a debug kernel -----------------------------------------

OBJ_DEBUG     := $(BUILD)/obj-debug
BZIMAGE_DEBUG := $(OBJ_DEBUG)/arch/x86/boot/bzImage

# Lockdep, RCU checking, KASAN and kmemleak (Kconfig.debug.fragment), in a
# build tree of its own that every run reuses.
kernel-debug: tree
	@tools/testing/kernel/configure $(SRC) $(OBJ_DEBUG) $(KCONFIG_FRAGMENTS) $(CURDIR)/Kconfig.debug.fragment
	@JOBS=$(JOBS) tools/testing/kernel/build $(SRC) $(OBJ_DEBUG) bzImage

# In make check (vm-debug): what exercises the series' code, within CI's
# time: our selftests, the series' own (pidns_hierarchy, last_pid_vec,
# proc_namespaces_test), the fuzzer and the stress test (30 s).  Under
# KASAN and TCG a test runs 3-5 times slower than on the test kernel (the
# run takes about 5 minutes here), so these are left to debug-check: the
# upstream selftests that do not touch the series (about 15 more minutes),
# the stress test at its full 60 s, and the module, pidns(1) and ASan runs
# of vm-test, which test userspace, not the kernel.
include selftests/progs.mk
DEBUG_SERIES_TESTS   := upstream/pid_namespace/pidns_hierarchy \
			upstream/pid_namespace/last_pid_vec upstream/namespaces/proc_namespaces_test
DEBUG_TESTS          := $(filter-out pidns_fuzz pidns_stress,$(PIDNS_SELFTESTS)) $(DEBUG_SERIES_TESTS)
DEBUG_FUZZ_CALLS     := 100000
DEBUG_STRESS_SECONDS := 30
# Six times what the run takes: a hang fails in bounded time.
DEBUG_TIMEOUT        := 1800
KMEMLEAK_PLAN        := "300 kmemleak /vmtools/kmemleak-scan"

vm-debug: kernel-debug selftests $(BUILD)/vm/init
	@rm -f $(RESULTS)/vm-debug.result
	@TESTS="$(DEBUG_TESTS)" SKIPPED_RESULT=/dev/null TIMEOUT_SCALE=2 \
		tools/testing/vm/run-tests $(BZIMAGE_DEBUG) $(BUILD) vm-debug $(DEBUG_TIMEOUT) \
		"2400 pidns_fuzz /tests/pidns_fuzz -n $(DEBUG_FUZZ_CALLS)" \
		"1200 pidns_stress /tests/pidns_stress -t $(DEBUG_STRESS_SECONDS)" $(KMEMLEAK_PLAN)

# Everything of vm-test on the debug kernel, at full length; before a
# series is sent.
debug-check: kernel-debug selftests $(BUILD)/vm/init
	@rm -f $(RESULTS)/vm-debug-full.result
	@TIMEOUT_SCALE=4 tools/testing/vm/run-tests $(BZIMAGE_DEBUG) $(BUILD) vm-debug-full \
		$$(( $(VM_TIMEOUT) * 4 )) $(KMEMLEAK_PLAN)
	@tools/testing/summary $(RESULTS) upstream-skipped vm-debug-full

# ---- what a newcomer runs ---------------------------------------------------

SEED_DEMO_SRCS := tools/testing/demo/seed_demo.c selftests/seed_tree.c selftests/pidns_util.c

$(BUILD)/vm/demo/seed_demo: $(SEED_DEMO_SRCS) selftests/seed_tree.h selftests/pidns_util.h | headers
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -pthread -Iselftests -isystem $(HEADERS)/include \
		-o $@ $(SEED_DEMO_SRCS)

run: kernel $(BUILD)/vm/init $(BUILD)/vm/demo/seed_demo
	@echo "60 seed_demo /demo/seed_demo" >$(BUILD)/vm/plan.demo
	@tools/testing/vm/mkinitramfs $(BUILD)/vm/demo.cpio $(BUILD)/vm/init $(BUILD)/vm/plan.demo \
		demo=$(BUILD)/vm/demo
	@status=0; VM_APPEND=quiet tools/testing/vm/boot $(BZIMAGE) $(BUILD)/vm/demo.cpio \
		$(BUILD)/vm/demo-run 120 live || status=$$?; \
	grep -q '^PIDNS-VM-END' $(BUILD)/vm/demo-run/results.log || \
		{ echo "run: the VM did not finish (status $$status): see $(BUILD)/vm/demo-run/console.log" >&2; exit 1; }

# ---- the pidns tool -------------------------------------------------------------

TOOLS := $(BUILD)/tools
TOOLS_SAN := $(BUILD)/tools-san

# Static, with its test script and helper beside it, so that the VMs can
# run them.  A C compiler is all it needs.
tool:
	@mkdir -p $(TOOLS)
	@$(MAKE) -s -C tools/pidns OUTPUT=$(TOOLS)
	@cp tools/pidns/tests/pidns-test $(TOOLS)/

# With AddressSanitizer and UBSan, for the host only (dynamic).
tool-san:
	@mkdir -p $(TOOLS_SAN)
	@$(MAKE) -s -C tools/pidns OUTPUT=$(TOOLS_SAN) SANITIZE=1

# On the host kernel, which has neither the series nor the module: every
# fallback.  SANITIZE=1: the same suite against tool-san, as tool-host-san;
# the sanitizers write their reports to TOOL_SAN_LOGS, and each report is
# a failure.
TOOL_PART := tool-host$(if $(SANITIZE),-san)
TOOL_SAN_LOGS := $(BUILD)/tool-san-reports
tool-test: $(if $(SANITIZE),tool-san,tool)
	@mkdir -p $(RESULTS)
	@for c in unshare nsenter; do command -v $$c >/dev/null || \
		{ echo "tool-test: no $$c here: install util-linux (make deps)" >&2; exit 1; }; done
	@echo "  TEST    pidns$(if $(SANITIZE), under ASan and UBSan) on the host ($$(uname -r))"
	@rm -rf $(TOOL_SAN_LOGS) && mkdir -p -m 1777 $(TOOL_SAN_LOGS)
	@ASAN_OPTIONS=log_path=$(TOOL_SAN_LOGS)/asan:detect_leaks=1 \
	UBSAN_OPTIONS=log_path=$(TOOL_SAN_LOGS)/ubsan:print_stacktrace=1 \
	tools/pidns/tests/pidns-test $(if $(SANITIZE),$(TOOLS_SAN),$(TOOLS))/pidns \
		>$(BUILD)/$(TOOL_PART).log 2>&1; \
	tools/testing/tap2result $(TOOL_PART) <$(BUILD)/$(TOOL_PART).log >$(RESULTS)/$(TOOL_PART).result; \
	for r in $(TOOL_SAN_LOGS)/*; do [ -e "$$r" ] || continue; \
		echo "FAIL $(TOOL_PART): sanitizer report $$r: $$(grep -m1 -e ERROR -e 'runtime error' $$r)"; \
	done >>$(RESULTS)/$(TOOL_PART).result; \
	grep -v '^PASS' $(RESULTS)/$(TOOL_PART).result || true
	@$(if $(SANITIZE),true,tools/pidns/tests/build-alone $(CURDIR) | \
		tools/testing/tap2result tool-build >>$(RESULTS)/tool-host.result)
	@tools/pidns/tests/man-matches-help $(if $(SANITIZE),$(TOOLS_SAN),$(TOOLS))/pidns tools/pidns/pidns.1 | \
		tools/testing/tap2result tool-man >$(RESULTS)/tool-man.result

.PHONY: tool-san

# ---- pidns.ko on Debian's stock kernels -----------------------------------------

STOCK_SERIES   := 6.1 6.12 7.3
MODTEST_CFLAGS := -static -O2 -Wall -Wextra -Wno-unused-parameter -pthread \
		  -I$(KSFT_DIR) -isystem $(HEADERS)/include -I$(CURDIR)/include/uapi

# Build the module against each stock kernel's headers (W=1, sparse): the
# installed headers package of 6.1 and 6.12, the tree fetch-7.3 unpacked
# for 7.3, whose vermagic is then checked against its kernel's.
module: | deps
	@rm -f $(RESULTS)/module.result && mkdir -p $(RESULTS)
	@for s in $(STOCK_SERIES); do r=$$(cat $(STOCK)/$$s/release); \
		h=/usr/src/linux-headers-$$r; [ ! -d $(STOCK)/$$s/headers ] || h=$(STOCK)/$$s/headers; \
		tools/testing/module/build $$h $(BUILD)/module/$$s \
			$(RESULTS)/module.result "Debian $$r" || exit 1; \
		[ ! -f $(STOCK)/$$s/vermagic ] || if tools/testing/stock/check-modversions \
			$(BUILD)/module/$$s/kernel/pidns.ko $$h/Module.symvers $(STOCK)/$$s/vermagic >&2; \
		then echo "PASS module: Debian $$r: vermagic and symbols are the kernel's"; \
		else echo "FAIL module: Debian $$r: the kernel would refuse it (check-modversions)"; \
		fi >>$(RESULTS)/module.result; \
	done
	@tools/testing/module/gating-test | tools/testing/tap2result module-gating >>$(RESULTS)/module.result

# The module against the series' own kernel: it must refuse to load there.
module-patched: kernel
	@rm -f $(RESULTS)/module-patched.result && mkdir -p $(RESULTS)
	@tools/testing/module/build $(OBJ) $(BUILD)/module/patched $(RESULTS)/module-patched.result \
		"the series' kernel"

# The series' kernel without CONFIG_PROC_PIDNS_HIERARCHY: the module must
# refuse to load there too, since it asks nsfs, not /proc.  Its own build
# tree; ccache makes all but the objects that option touches hits.
OBJ_NOHIER := $(BUILD)/obj-nohier
module-nohier: kernel $(BUILD)/vm/init
	@mkdir -p $(RESULTS) $(BUILD)/vm
	@cat $(KCONFIG_FRAGMENTS) | grep -v '^CONFIG_PROC_PIDNS_HIERARCHY=' >$(BUILD)/vm/nohier.fragment
	@echo '# CONFIG_PROC_PIDNS_HIERARCHY is not set' >>$(BUILD)/vm/nohier.fragment
	@tools/testing/kernel/configure $(SRC) $(OBJ_NOHIER) $(BUILD)/vm/nohier.fragment
	@JOBS=$(JOBS) tools/testing/kernel/build $(SRC) $(OBJ_NOHIER) bzImage modules
	@rm -f $(RESULTS)/module-nohier.result
	@tools/testing/module/build $(OBJ_NOHIER) $(BUILD)/module/nohier $(RESULTS)/module-nohier.result \
		"the series' kernel without CONFIG_PROC_PIDNS_HIERARCHY"
	@echo "120 module/refuses-on-series-without-hierarchy /vmtools/module-refuses /module/pidns.ko" \
		>$(BUILD)/vm/plan.nohier
	@tools/testing/vm/run-plan $(OBJ_NOHIER)/arch/x86/boot/bzImage $(BUILD) vm-nohier 600 \
		$(BUILD)/vm/plan.nohier $(RESULTS)/vm-nohier.result \
		module=$(BUILD)/module/nohier/kernel vmtools=$(CURDIR)/tools/testing/vm/guest

# The series' last_pid_vec selftest, unchanged, with the helper that falls
# back to /dev/pidns (selftests/module/last_pid_vec.h); the module's tests.
modtests: headers
	@mkdir -p $(MODTESTS)/src/pid_namespace
	@cp $(KSFT_DIR)/pid_namespace/last_pid_vec.c selftests/module/last_pid_vec.h \
		$(MODTESTS)/src/pid_namespace/
	@ln -sf $(KSFT_DIR)/kselftest_harness.h $(MODTESTS)/src/kselftest_harness.h
	@gcc $(MODTEST_CFLAGS) -o $(MODTESTS)/last_pid_vec $(MODTESTS)/src/pid_namespace/last_pid_vec.c
	@gcc $(MODTEST_CFLAGS) -o $(MODTESTS)/pidns_module selftests/module/pidns_module.c

# The module's source as DKMS wants it: kernel/ with the uapi header inside.
dkms-src:
	@rm -rf $(BUILD)/dkms && mkdir -p $(BUILD)/dkms/pidns-0.1/include
	@cp kernel/* $(BUILD)/dkms/pidns-0.1/
	@cp -r include/uapi $(BUILD)/dkms/pidns-0.1/include/
	@echo "  DKMS    $(BUILD)/dkms/pidns-0.1"

# Boot each stock kernel, load the module, run the tests against it.
stock-test: module modtests selftests tool $(BUILD)/vm/init
	@status=0; for s in $(STOCK_SERIES); do \
		tools/testing/vm/run-stock $(STOCK)/$$s/vmlinuz $(BUILD)/module/$$s/kernel $(BUILD) \
			stock-$$s $(VM_TIMEOUT) || status=1; \
	done; exit $$status

# ---- benchmarks ---------------------------------------------------------------

$(BUILD)/bench/pidns_hierarchy_bench: tools/bench/pidns_hierarchy_bench.c tools/pidns/nsfs_compat.h | headers
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -isystem $(HEADERS)/include -Itools/pidns -o $@ $<

$(BUILD)/bench/pidns_tool_vm_bench: tools/bench/pidns_tool_vm_bench.c
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -o $@ $<

$(BUILD)/bench/last_pid_vec_bench: tools/bench/last_pid_vec_bench.c include/uapi/linux/pidns.h | headers
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -isystem $(HEADERS)/include -Iinclude/uapi -o $@ $<

$(BUILD)/bench/proc_namespaces_bench: tools/bench/proc_namespaces_bench.c tools/pidns/nsfs_compat.h | headers
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -isystem $(HEADERS)/include -Itools/pidns -o $@ $<

# Runs in the VM, prints the table and writes it, with the machine and the
# kernel, to Documentation/benchmarks/ (plus a gnuplot plot).  The tool's VM
# half runs first.  pidns.ko refuses to load beside the series, so its file
# is measured in a boot of stock 6.12 (bench-stock), against the /proc walks
# of that boot.
bench: kernel tool $(BUILD)/vm/init $(BUILD)/bench/pidns_hierarchy_bench \
		$(BUILD)/bench/last_pid_vec_bench $(BUILD)/bench/pidns_tool_vm_bench \
		$(BUILD)/bench/proc_namespaces_bench
	@tools/bench/lsns-bundle $(BUILD)/bench-lsns
	@{ echo "3000 pidns_tool_vm_bench /bench/pidns_tool_vm_bench /tool/pidns" \
		"/lsns/ld-linux-x86-64.so.2 /lsns /lsns/lsns"; \
	   echo "3000 pidns_hierarchy_bench /bench/pidns_hierarchy_bench"; \
	   echo "3000 last_pid_vec_bench /bench/last_pid_vec_bench"; \
	   echo "3000 proc_namespaces_bench /bench/proc_namespaces_bench"; } >$(BUILD)/vm/plan.bench
	@tools/testing/vm/mkinitramfs $(BUILD)/vm/bench.cpio $(BUILD)/vm/init $(BUILD)/vm/plan.bench \
		bench=$(BUILD)/bench tool=$(TOOLS) lsns=$(BUILD)/bench-lsns
	@echo "  VM      bench: console in $(BUILD)/bench-run/console.log"
	@status=0; VM_MEM=4G tools/testing/vm/boot $(BZIMAGE) $(BUILD)/vm/bench.cpio $(BUILD)/bench-run 3600 \
		|| status=$$?; \
	tools/testing/vm/verdict $(BUILD)/bench-run $$status $(VM_CPUS) $(BUILD)/bench-run/verdict.result >/dev/null || \
		{ echo "bench: the VM run failed (status $$status): see $(BUILD)/bench-run/console.log" >&2; exit 1; }
	@# Every report is written even when one of them finds a floor missed.
	@rel="$$($(KMAKE) O=$(OBJ) kernelrelease)"; res=$(BUILD)/bench-run/results.log; \
	out=Documentation/benchmarks; missed=; \
	$(MAKE) -s --no-print-directory bench-stock || missed="$$missed pidns_hierarchy_stock"; \
	$(MAKE) -s --no-print-directory bench-overhead || missed="$$missed ns_overhead"; \
	tools/bench/report $$res "$$rel" $$out || missed="$$missed pidns_hierarchy"; \
	tools/bench/last_pid_vec_report $$res "$$rel" $$out || missed="$$missed last_pid_vec"; \
	tools/bench/pidns_tool_bench $(TOOLS)/pidns $$out $$res "$$rel" || missed="$$missed pidns_tool"; \
	tools/bench/proc_namespaces_report $$res "$$rel" $$out || missed="$$missed proc_namespaces"; \
	[ -z "$$missed" ] || { echo "bench: see$$missed in $$out/" >&2; exit 1; }

$(BUILD)/bench/ns_overhead_bench: tools/bench/ns_overhead_bench.c
	@mkdir -p $(dir $@)
	@gcc -static -O2 -Wall -Wextra -o $@ $<

# The series against base: boots alternate, series then base, OVERHEAD_BOOTS
# of each, each running ns_overhead_bench alone.
OVERHEAD_BOOTS ?= 3

bench-overhead: kernel kernel-base $(BUILD)/vm/init $(BUILD)/bench/ns_overhead_bench
	@echo "600 ns_overhead_bench /bench/ns_overhead_bench" >$(BUILD)/vm/plan.overhead
	@rm -rf $(BUILD)/bench-overhead && mkdir -p $(BUILD)/vm/bench-overhead
	@for i in $$(seq $(OVERHEAD_BOOTS)); do \
		for k in series:$(BZIMAGE) base:$(BASE_KERNEL)/bzImage; do \
			run=bench-overhead/$${k%%:*}-$$i; \
			tools/testing/vm/run-plan $${k#*:} $(BUILD) $$run 900 $(BUILD)/vm/plan.overhead \
				$(BUILD)/$$run/verdict.result bench=$(BUILD)/bench >/dev/null || \
				{ echo "bench: overhead boot failed: see $(BUILD)/$$run/console.log" >&2; exit 1; }; \
		done; \
	done
	@tools/bench/overhead_report $(BUILD)/bench-overhead "$$($(KMAKE) O=$(OBJ) kernelrelease)" \
		"$$(cat $(BASE_KERNEL)/release)" Documentation/benchmarks

BENCH_STOCK := 6.12

bench-stock: module $(BUILD)/vm/init $(BUILD)/bench/pidns_hierarchy_bench
	@{ echo "60 load-pidns.ko /bin/insmod /module/pidns.ko"; \
	   echo "3000 pidns_hierarchy_bench /bench/pidns_hierarchy_bench"; } >$(BUILD)/vm/plan.bench-stock
	@tools/testing/vm/mkinitramfs $(BUILD)/vm/bench-stock.cpio $(BUILD)/vm/init \
		$(BUILD)/vm/plan.bench-stock bench=$(BUILD)/bench module=$(BUILD)/module/$(BENCH_STOCK)/kernel
	@echo "  VM      bench on stock $(BENCH_STOCK): console in $(BUILD)/bench-stock-run/console.log"
	@status=0; VM_MEM=4G tools/testing/vm/boot $(STOCK)/$(BENCH_STOCK)/vmlinuz $(BUILD)/vm/bench-stock.cpio \
		$(BUILD)/bench-stock-run 3600 || status=$$?; \
	tools/testing/vm/verdict $(BUILD)/bench-stock-run $$status $(VM_CPUS) \
		$(BUILD)/bench-stock-run/verdict.result >/dev/null || \
		{ echo "bench: the stock VM run failed (status $$status): see $(BUILD)/bench-stock-run/console.log" >&2; exit 1; }
	@tools/bench/stock_hierarchy_report $(BUILD)/bench-stock-run/results.log \
		"$$(cat $(STOCK)/$(BENCH_STOCK)/release)" Documentation/benchmarks

# ---- everything -------------------------------------------------------------

CHECK_PARTS := patches-fresh gates gates-selftest workbench upstream-skipped vm parity vm-debug \
	       module module-patched module-nohier vm-nohier stock-6.1 stock-6.12 stock-7.3 \
	       tool-host tool-host-san tool-man

check: | deps
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS) && touch $(RESULTS)/.start
	@-$(MAKE) -k --no-print-directory check-patches-fresh check-gates check-workbench vm-test \
		parity vm-debug module-nohier stock-test tool-test
	@-$(MAKE) -k --no-print-directory tool-test SANITIZE=1
	@tools/testing/summary $(RESULTS) $(CHECK_PARTS)

clean:
	rm -rf $(BUILD)
