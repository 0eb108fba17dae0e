using System.Diagnostics;
using System.Text.Json;
using Flow.Bpmn.Tests.Infrastructure;

namespace Flow.Bpmn.Tests;

/// <summary>
/// What the builder writes loads in bpmn-moddle (the parser of bpmn-js and Camunda Modeler)
/// without a warning. Needs node on the PATH and `npm ci` in tests/Flow.Bpmn.Tests/moddle;
/// without them the test is reported as skipped, with the reason in its name.
/// </summary>
public class ModdleTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Flow.Bpmn.Tests", "moddle");

    private const string Missing = "not run: node or tests/Flow.Bpmn.Tests/moddle/node_modules is missing (run npm ci there)";

    public static TheoryData<string> Setup => new() { NodeExecutable() is not null && Directory.Exists(Path.Combine(Folder, "node_modules", "bpmn-moddle")) ? Folder : Missing };

    [SkippableTheory]
    [MemberData(nameof(Setup))]
    public void Written_models_load_in_bpmn_moddle_without_warnings(string folder)
    {
        Skip.IfNot(Directory.Exists(folder), folder);
        var output = Directory.CreateTempSubdirectory("flow-bpmn-moddle-");
        try
        {
            var files = new List<string>();
            foreach (var (name, build) in Samples.All)
            {
                files.Add(Write(output.FullName, name + ".bpmn", Bpmn.WriteModel(build())));
            }

            if (RepositoryPaths.Shared is { } shared && Directory.Exists(Path.Combine(shared, "corpus", "miwg")))
            {
                foreach (var file in Directory.GetFiles(Path.Combine(shared, "corpus", "miwg"), "*.bpmn").OrderBy(f => f, StringComparer.Ordinal))
                {
                    files.Add(Write(output.FullName, "miwg-" + Path.GetFileName(file), Bpmn.WriteModel(Bpmn.ReadModelFromFile(file))));
                }
            }

            // A control: a dangling reference bpmn-moddle must warn about, so a silent harness fails.
            var control = Write(output.FullName, "control.bpmn", Bpmn.WriteModel(Samples.Order()).Replace("targetRef=\"ship\"", "targetRef=\"nowhere\"", StringComparison.Ordinal));

            var results = Run(folder, files.Append(control));

            Assert.NotEmpty(results[control].GetProperty("warnings").EnumerateArray());
            foreach (var file in files)
            {
                var result = results[file];
                Assert.False(result.TryGetProperty("error", out var error), Path.GetFileName(file) + ": " + error);
                Assert.Equal("bpmn:Definitions", result.GetProperty("root").GetString());
                Assert.True(result.GetProperty("warnings").GetArrayLength() == 0, Path.GetFileName(file) + ": " + result.GetProperty("warnings"));
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, JsonElement> Run(string folder, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(NodeExecutable()!) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check.mjs");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("bpmn-moddle did not finish in 2 minutes");
        }

        Assert.True(stderr.Result.Length == 0, stderr.Result);
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("file").GetString()!, StringComparer.Ordinal);
    }

    private static string? NodeExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "node"), Path.Combine(dir, "node.exe") })
            .FirstOrDefault(File.Exists);
}
