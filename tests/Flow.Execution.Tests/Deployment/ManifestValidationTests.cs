using System.Text.Json.Nodes;
using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>A manifest that does not match its schema is a FLOW6010 refusal with a Failed event, never another exception.</summary>
public class ManifestValidationTests
{
    private static void Edit(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "files null", "files" },
        { "files missing", "files" },
        { "file entry null", "files[1]" },
        { "file path null", "files[0].path" },
        { "file hash not hex", "files[0].sha256" },
        { "file size a string", "files[0].size" },
        { "processes null", "processes" },
        { "process key missing", "processes[0].key" },
        { "settings null", "settings" },
        { "version a string", "version" },
        { "name empty", "name" },
        { "duplicate file", "listed twice" },
        { "duplicate assembly name", "assembly name" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_manifest_against_its_schema_is_refused_with_FLOW6010_naming_the_member(string damage, string named)
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        Edit(folder, m =>
        {
            var files = m["files"]!.AsArray();
            var first = files[0]!.AsObject();
            switch (damage)
            {
                case "files null": m["files"] = null; break;
                case "files missing": m.Remove("files"); break;
                case "file entry null": files.Add(null); break;
                case "file path null": first["path"] = null; break;
                case "file hash not hex": first["sha256"] = "zz"; break;
                case "file size a string": first["size"] = "12"; break;
                case "processes null": m["processes"] = null; break;
                case "process key missing": m["processes"]![0]!.AsObject().Remove("key"); break;
                case "settings null": m["settings"] = null; break;
                case "version a string": m["version"] = "1"; break;
                case "name empty": m["name"] = ""; break;
                case "duplicate file": files.Add(first.DeepClone()); break;
                default: var copy = first.DeepClone().AsObject(); copy["path"] = "sub/" + TestDeployment.Name + ".dll"; files.Add(copy); break;
            }
        });

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6010", error.Id);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Failed && e.Error == error);
        Assert.Empty(fx.Registry.Versions);
    }

    /// <summary>The shape the build task writes (docs/manifest.md), with members the runtime does not use, passes.</summary>
    [Fact]
    public void A_manifest_as_the_build_task_writes_it_is_valid()
    {
        var hash = new string('a', 64);
        var json = $$"""
            {
              "schemaVersion": 1, "name": "Shop.Flows", "tenant": null, "version": 3, "assembly": "Shop.Flows.dll",
              "contentHash": "{{hash}}",
              "settings": { "resumePreviousVersions": true, "resumePreviousVersionsUpon": "process-definition-key", "deployChangedOnly": false, "deleteUponUndeploy": false },
              "processes": [ { "key": "order", "name": "Order", "type": "Shop.Flows.OrderProcess", "version": 2, "definitionHash": "{{hash}}", "file": "order.bpmn", "sourceHash": "{{hash}}" } ],
              "retiredProcesses": [ { "key": "old", "lastDefinitionVersion": 1 } ],
              "files": [ { "path": "Shop.Flows.dll", "size": 5, "sha256": "{{hash}}" }, { "path": "lib/Helper.dll", "size": 7, "sha256": "{{hash}}" } ]
            }
            """;

        var manifest = ManifestReader.Parse("folder", System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(("Shop.Flows", 3, 2), (manifest.Name, manifest.Version, manifest.Files.Count));
        Assert.Equal("order", Assert.Single(manifest.Processes).Key);
    }

    [Fact]
    public async Task A_manifest_that_is_not_json_is_FLOW6002()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        File.WriteAllText(Path.Combine(folder, DeploymentManifest.FileName), "{ \"schemaVersion\": 1, ");

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));

        Assert.Equal("FLOW6002", error.Id);
    }

    [Fact]
    public async Task A_locked_file_is_a_FLOW6011_refusal_and_deploys_once_it_is_free()
    {
        using var fx = new DeploymentFixture();
        var folder = fx.Write(1, DeploymentFixture.A);
        var dll = Path.Combine(folder, TestDeployment.Name + ".dll");

        FlowDeploymentException error;
        using (new FileStream(dll, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder));
        }

        Assert.Equal("FLOW6011", error.Id);
        Assert.Contains(TestDeployment.Name + ".dll", error.Message, StringComparison.Ordinal);
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Failed && e.Error == error);
        Assert.Equal(1, (await fx.DeployAsync(folder))[0].Version);
    }
}
