using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Emit;
using Flow.Compiler.Planning;
using Flow.Compiler.Reading;
using Flow.Compiler.Rules;
using Flow.Compiler.Text;

namespace Flow.Benchmarks;

/// <summary>
/// <c>--cold-phases [count]</c>: where a cold compile of COUNT diagrams (default 1,000, the
/// <see cref="DiagramFiles"/> mix of both shapes) spends its time, phase by phase, in a process
/// that has already run every phase once (JIT done). Each phase runs over all diagrams in turn,
/// as <c>FlowCompiler.Compile</c> runs it. Per phase: wall time, process CPU time (less
/// sensitive to other processes on a loaded machine than wall time, though not immune) and
/// allocation (exact). Median of five rounds.
/// </summary>
internal static class ColdPhases
{
    private const int Rounds = 5;

    public static void Run(TextWriter output, int count)
    {
        var texts = Enumerable.Range(0, count).Select(i => SyntheticDiagrams.Build(i, edited: false, DiagramFiles.HasWaitStates(i))).ToArray();
        var results = new Dictionary<string, List<(double Wall, double Cpu, long Alloc)>>();
        for (var round = 0; round <= Rounds; round++)
        {
            var measured = round > 0;
            void Phase(string name, Action run)
            {
                var (wall, cpu, alloc) = Time(run);
                if (measured)
                {
                    (results.TryGetValue(name, out var list) ? list : results[name] = new()).Add((wall, cpu, alloc));
                }
            }

            var documents = new XDocument?[count];
            var reads = new ReadResult[count];
            Phase("xml: depth pre-scan (XmlReader)", () =>
            {
                foreach (var text in texts)
                {
                    using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
                    while (reader.Read())
                    {
                    }
                }
            });
            Phase("xml: XDocument.Load (with line info)", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    using var reader = XmlReader.Create(new StringReader(texts[i]), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
                    documents[i] = XDocument.Load(reader, LoadOptions.SetLineInfo);
                }
            });
            Phase("layout-free hash", () =>
            {
                foreach (var document in documents)
                {
                    LayoutFreeHash.Of(document!.Root!);
                }
            });
            Phase("BpmnReader.Read (all of reading)", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    reads[i] = BpmnReader.Read(texts[i]);
                }
            });
            var processes = reads.Select(r => r.Document!.Processes.Single()).ToArray();
            Phase("rules: SizeLimits + ProcessValidator", () =>
            {
                foreach (var process in processes)
                {
                    SizeLimits.Check(process).ToList();
                    ProcessValidator.Validate(process);
                }
            });
            var plans = new ProcessClassPlan[count];
            Phase("naming + planning: ClassPlanner.Plan", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    plans[i] = ClassPlanner.Plan(processes[i], CleanCheck.Namespace, null, SyntheticDiagrams.PathFor(i), reads[i].LayoutFreeHash!, new List<FlowDiagnostic>())!;
                }
            });
            Phase("emit: ProcessEmitter.Emit", () =>
            {
                foreach (var plan in plans)
                {
                    ProcessEmitter.Emit(plan, FlowCompiler.Version);
                }
            });
            Phase("generator: line index of the file", () =>
            {
                foreach (var text in texts)
                {
                    new LineIndex(text);
                }
            });
            Phase("total: FlowCompiler.Compile", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    FlowCompiler.Compile(new FlowFile(SyntheticDiagrams.PathFor(i), texts[i], CleanCheck.Namespace));
                }
            });
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} diagrams, {texts.Sum(t => (long)t.Length) / 1024} KB of BPMN; median of {Rounds} rounds after one warm-up round"));
        output.WriteLine($"{"phase",-40} {"wall ms",9} {"cpu ms",9} {"alloc KB",10}");
        foreach (var (name, runs) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-40} {Median(runs.Select(r => r.Wall)),9:F1} {Median(runs.Select(r => r.Cpu)),9:F1} {Median(runs.Select(r => (double)r.Alloc)) / 1024,10:F0}"));
        }
    }

    private static (double Wall, double Cpu, long Alloc) Time(Action run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        run();
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
