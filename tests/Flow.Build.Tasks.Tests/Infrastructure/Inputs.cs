using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Versioning;

namespace Flow.Build.Tasks.Tests.Infrastructure;

/// <summary>Small builders for deployment inputs.</summary>
internal static class Inputs
{
    public static ProcessFacts Process(string key, string definitionHash) =>
        new(key, key.ToUpperInvariant(), "Flows." + key + "Process", definitionHash, key + ".bpmn", "src-" + definitionHash);

    public static FileEntry File(string path, string sha256) => new(path, 100, sha256);

    public static DeploymentInputs NewDeployment(ProcessFacts[] processes, params FileEntry[] files) =>
        new("Flows", null, "Flows.dll", DeploymentSettings.Default, processes, files);

    public static TemporaryDirectory TempDirectory() => new();
}

/// <summary>A fresh directory under the temp folder, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flow-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
