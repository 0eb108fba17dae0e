#!/usr/bin/env bash
# Real `dotnet build` times of a class library with 0, 200 and 1,000 diagrams
# (benchmarks/README.md "Build-time cost"). Usage:
#   benchmarks/build-time/measure.sh [COUNTS] [RUNS]      e.g.  measure.sh "0 200 1000" 3
# RUNS is one number for every count, or one per count ("3 3 1": a 1,000-diagram build is slow).
# It packs Flow.Runtime and Flow.Generators into a temp feed, makes one library per count with the
# same two hand-written .cs files and COUNT synthetic Camunda-style diagrams (written by
# `Flow.Benchmarks --write-diagrams`, the inputs of the driver benchmarks: 50 flow nodes,
# diagram-interchange section, camunda: attributes, 30 % without wait states), restores it once,
# and times, RUNS times each (median printed):
#   cold    `rm -rf bin obj/Debug`, then `dotnet build --no-restore` (everything compiles)
#   no-op   `dotnet build --no-restore` again, nothing changed
#   edit    one diagram edited (a bound service task renamed, alternating two versions), then a build
# The ratio column is the build time over the 0-diagram project's time for the same scenario.
# The compiler runs in the build's own process (UseSharedCompilation=false), so that no warm
# compiler server, shared with other builds on the machine, carries state between runs; set
# SHARED_COMPILER=1 to use the server as a developer's machine does. MSBuild node reuse is off.
# The deployment task runs (EnableFlowDeployment defaults to true); DEPLOYMENT=false turns it off.
# Prints `uptime` before and after: on a loaded machine the times are not comparable.
set -euo pipefail
COUNTS=${1:-"0 200 1000"}; RUNS_LIST=(${2:-3})
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK_DIR:-$(mktemp -d)}; mkdir -p "$work"; [ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES=$work/packages MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
shared=$([ -n "${SHARED_COMPILER:-}" ] && echo true || echo false)
build_args=(--no-restore -v:q -nologo -p:UseSharedCompilation=$shared -p:EnableFlowDeployment=${DEPLOYMENT:-true})

# Runs a step quietly; on failure prints its output and stops.
quiet() { "$@" > "$work/step.log" 2>&1 || { tail -40 "$work/step.log" >&2; echo "failed: $*" >&2; exit 1; }; }

echo "load before: $(uptime)"
echo "machine: $(nproc) cores; dotnet $(dotnet --version); runs per scenario: ${RUNS_LIST[*]}; shared compiler: $shared"
# Packs and builds from a copy of the working tree (tracked and untracked files, not bin/obj),
# so builds going on in the repository meanwhile cannot race with the packing. PACKED=DIR reuses
# the feed and the built copy of an earlier run's WORK_DIR (KEEP=1), e.g. to run more counts.
if [ -n "${PACKED:-}" ]; then
  mkdir -p "$work/feed"; cp "$PACKED"/feed/*.nupkg "$work/feed/"; ln -sfn "$PACKED/repo" "$work/repo"
  export NUGET_PACKAGES=$PACKED/packages
  version=$(basename "$(ls "$work"/feed/Flow.Generators.*.nupkg)" .nupkg); version=${version#Flow.Generators.}
  echo "source: the packages of $PACKED ($version)"
else
  echo "source: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' + uncommitted changes')"
  mkdir -p "$work/repo"
  (cd "$repo" && git ls-files -co --exclude-standard | while read -r f; do [ -e "$f" ] && echo "$f"; done | tar -cf - -T -) | tar -C "$work/repo" -xf -
  version=0.1.0-bench.$(date +%s)
  for p in Flow.Runtime Flow.Generators; do
    quiet dotnet pack "$work/repo/src/$p/$p.csproj" -c Release -o "$work/feed" -p:Version=$version -v:q -nologo
  done
  quiet dotnet build "$work/repo/benchmarks/Flow.Benchmarks" -c Release -v:q -nologo
fi
writer="$work/repo/benchmarks/Flow.Benchmarks/bin/Release/net10.0/Flow.Benchmarks"

make_project() { # $1: directory, $2: diagram count
  mkdir -p "$1/Diagrams"
  cat > "$1/nuget.config" <<XML
<configuration><packageSources><add key="local" value="$work/feed" /></packageSources></configuration>
XML
  cat > "$1/Bench.Flows.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><RootNamespace>Flows</RootNamespace></PropertyGroup>
  <ItemGroup><PackageReference Include="Flow.Generators" Version="$version" /></ItemGroup>
</Project>
XML
  # The same hand-written code in every project, so the 0-diagram build is the baseline.
  cat > "$1/Greeting.cs" <<'CS'
namespace App;
public static class Greeting { public static string Text => "Hello"; }
CS
  cat > "$1/Orders.cs" <<'CS'
namespace App;
public sealed record Order(string Id, decimal Amount);
public static class Orders { public static decimal Total(System.Collections.Generic.IEnumerable<Order> orders) => System.Linq.Enumerable.Sum(orders, o => o.Amount); }
CS
  [ "$2" -eq 0 ] || quiet "$writer" --write-diagrams "$1/Diagrams" "$2"
  quiet dotnet restore "$1" -v:q -nologo
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed_build() { local s e; s=$(date +%s.%N); quiet dotnet build "${build_args[@]}"; e=$(date +%s.%N); echo "$e - $s" | bc; }

declare -A result runs
index=0
for n in $COUNTS; do
  RUNS=${RUNS_LIST[$index]:-${RUNS_LIST[-1]}}; index=$((index + 1)); runs[$n]=$RUNS
  echo "$n diagrams: start $(date -u +%H:%M:%S) UTC, load: $(uptime | sed 's/.*load average: //')"
  dir="$work/lib$n"; make_project "$dir" "$n"; cd "$dir"
  quiet dotnet build "${build_args[@]}"   # warm-up (and a check that it builds)
  cold=$(for _ in $(seq "$RUNS"); do rm -rf bin obj/Debug; timed_build; done | median)
  noop=$(for _ in $(seq "$RUNS"); do timed_build; done | median)
  if [ "$n" -gt 0 ]; then
    edited=Diagrams/$(ls Diagrams | sed -n "$(( n / 2 + 1 ))p")
    edit=$(for i in $(seq "$RUNS"); do
      # A task bound by camunda:class: renaming it changes no handler the user writes.
      if [ $(( i % 2 )) -eq 1 ]; then sed -i 's/name="Branch X first"/name="Branch X first (edited)"/' "$edited"; else sed -i 's/name="Branch X first (edited)"/name="Branch X first"/' "$edited"; fi
      timed_build; done | median)
  else
    # No diagram to edit: the baseline edits a .cs file instead.
    edit=$(for i in $(seq "$RUNS"); do echo "// edit $i" >> Orders.cs; timed_build; done | median)
  fi
  result[$n]="$cold $noop $edit"
  echo "$n diagrams: cold $cold s, no-op $noop s, one edited $edit s (median of $RUNS; load now: $(uptime | sed 's/.*load average: //'))"
  cd "$work"
done

echo
echo "| diagrams | runs | cold s | ratio | no-op s | ratio | one edited s | ratio |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
read -r c0 n0 e0 <<<"${result[0]:-1 1 1}"
for n in $COUNTS; do
  read -r c o e <<<"${result[$n]}"
  printf '| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n' "$n" "${runs[$n]}" "$c" "$(echo "$c / $c0" | bc -l)" "$o" "$(echo "$o / $n0" | bc -l)" "$e" "$(echo "$e / $e0" | bc -l)"
done
echo "load after: $(uptime)"
