#!/usr/bin/env bash
# Build-time cost of the Flow.Generators package (benchmarks/README.md "Build-time cost"):
# packs both packages into a temp feed, makes a class library with N diagrams (default 50),
# and times `dotnet build` with the deployment task on and off (EnableFlowDeployment):
# a full build after `touch`ing every diagram, and a no-op build. Prints medians of R runs.
set -euo pipefail
N=${1:-50}; R=${2:-5}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES=$work/packages MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version=0.1.0-bench.$(date +%s)
for p in Flow.Runtime Flow.Generators; do
  dotnet pack "$repo/src/$p/$p.csproj" -c Release -o "$work/feed" -p:Version=$version -v:q >/dev/null
done
mkdir -p "$work/lib/Diagrams"; cd "$work/lib"
cat > nuget.config <<XML
<configuration><packageSources><add key="local" value="$work/feed" /></packageSources></configuration>
XML
cat > Bench.Flows.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup><PackageReference Include="Flow.Generators" Version="$version" /></ItemGroup>
</Project>
XML
{ echo "namespace Bench.Flows;"; } > Handlers.cs
for i in $(seq -w 1 "$N"); do
  cat > Diagrams/p$i.bpmn <<XML
<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="D$i" targetNamespace="http://example.com">
  <bpmn:process id="p$i" name="P$i" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
    <bpmn:serviceTask id="Work" name="Work" flow:handler="Work" />
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>
XML
  echo "public partial class P${i}Process { private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => default; }" >> Handlers.cs
done
dotnet restore -v:q >/dev/null
dotnet build --no-restore -v:q -p:EnableFlowDeployment=true >/dev/null   # warm-up

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_build() { # $1: deployment on/off, $2: full|noop
  for _ in $(seq "$R"); do
    [ "$2" = full ] && touch Diagrams/*.bpmn Handlers.cs
    s=$(date +%s.%N); dotnet build --no-restore -v:q -p:EnableFlowDeployment="$1" >/dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | median
}
for mode in full noop; do
  for on in false true; do
    echo "$N diagrams, $mode build, EnableFlowDeployment=$on: $(time_build $on $mode) s (median of $R)"
  done
done
echo "manifest: $(grep -c '"key"' bin/Debug/net10.0/flow-deployment/flow-manifest.json) processes"
