using Flow.Build.Tasks.Versioning;
using static Flow.Build.Tasks.Tests.Infrastructure.Inputs;

namespace Flow.Build.Tasks.Tests;

public class VersionRulesTests
{
    private static readonly Flow.Build.Tasks.Manifest.FileEntry[] FirstFiles = { File("Flows.dll", "dll-1") };

    private static VersionHistory FirstDeployment() => VersionHistory.From(VersionRules.Apply(null,
        NewDeployment(new[] { Process("order", "o1"), Process("refund", "r1") }, FirstFiles)));

    [Fact]
    public void A_first_deployment_starts_every_version_at_1()
    {
        var manifest = VersionRules.Apply(null, NewDeployment(new[] { Process("refund", "r1"), Process("order", "o1") }, FirstFiles));

        Assert.Equal(1, manifest.DeploymentVersion);
        Assert.Equal(new[] { ("order", 1), ("refund", 1) }, manifest.Processes.Select(p => (p.Key, p.DefinitionVersion)));
        Assert.Empty(manifest.RetiredProcesses);
    }

    [Fact]
    public void Unchanged_content_keeps_every_version()
    {
        var previous = FirstDeployment() with { DeploymentVersion = 7 };

        var manifest = VersionRules.Apply(previous, NewDeployment(new[] { Process("order", "o1"), Process("refund", "r1") }, FirstFiles));

        Assert.Equal(7, manifest.DeploymentVersion);
        Assert.All(manifest.Processes, p => Assert.Equal(1, p.DefinitionVersion));
    }

    [Fact]
    public void One_changed_diagram_bumps_the_deployment_and_that_key_only()
    {
        var manifest = VersionRules.Apply(FirstDeployment(),
            NewDeployment(new[] { Process("order", "o2"), Process("refund", "r1") }, File("Flows.dll", "dll-2")));

        Assert.Equal(2, manifest.DeploymentVersion);
        Assert.Equal(new[] { ("order", 2), ("refund", 1) }, manifest.Processes.Select(p => (p.Key, p.DefinitionVersion)));
    }

    [Fact]
    public void Changed_files_with_the_same_definitions_bump_the_deployment_only()
    {
        var manifest = VersionRules.Apply(FirstDeployment(),
            NewDeployment(new[] { Process("order", "o1"), Process("refund", "r1") }, File("Flows.dll", "dll-2"), File("Helper.dll", "h")));

        Assert.Equal(2, manifest.DeploymentVersion);
        Assert.All(manifest.Processes, p => Assert.Equal(1, p.DefinitionVersion));
    }

    [Fact]
    public void A_new_process_starts_at_1()
    {
        var manifest = VersionRules.Apply(FirstDeployment(),
            NewDeployment(new[] { Process("order", "o1"), Process("refund", "r1"), Process("audit", "a1") }, File("Flows.dll", "dll-2")));

        Assert.Equal(2, manifest.DeploymentVersion);
        Assert.Equal(new[] { ("audit", 1), ("order", 1), ("refund", 1) }, manifest.Processes.Select(p => (p.Key, p.DefinitionVersion)));
    }

    [Fact]
    public void A_removed_process_disappears_and_is_remembered_as_retired()
    {
        var manifest = VersionRules.Apply(FirstDeployment(), NewDeployment(new[] { Process("order", "o1") }, File("Flows.dll", "dll-2")));

        Assert.Equal(2, manifest.DeploymentVersion);
        Assert.Equal("order", Assert.Single(manifest.Processes).Key);
        var retired = Assert.Single(manifest.RetiredProcesses);
        Assert.Equal(("refund", 1), (retired.Key, retired.LastDefinitionVersion));
    }

    [Fact]
    public void A_re_added_process_continues_after_its_last_version()
    {
        var removed = VersionHistory.From(VersionRules.Apply(FirstDeployment(), NewDeployment(new[] { Process("order", "o1") }, File("Flows.dll", "dll-2"))));

        var manifest = VersionRules.Apply(removed, NewDeployment(new[] { Process("order", "o1"), Process("refund", "r1") }, File("Flows.dll", "dll-3")));

        Assert.Equal(3, manifest.DeploymentVersion);
        Assert.Equal(2, manifest.Processes.Single(p => p.Key == "refund").DefinitionVersion);
        Assert.Empty(manifest.RetiredProcesses);
    }

    [Fact]
    public void The_file_order_does_not_matter()
    {
        var a = VersionRules.Apply(null, NewDeployment(Array.Empty<ProcessFacts>(), File("b.dll", "2"), File("a.dll", "1")));
        var b = VersionRules.Apply(null, NewDeployment(Array.Empty<ProcessFacts>(), File("a.dll", "1"), File("b.dll", "2")));

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(new[] { "a.dll", "b.dll" }, a.Files.Select(f => f.Path));
    }
}
