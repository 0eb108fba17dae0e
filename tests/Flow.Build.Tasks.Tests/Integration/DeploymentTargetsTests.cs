using Flow.Build.Tasks.Tests.Infrastructure;

namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// build/Flow.Deployment.targets on its own, in a minimal project run by the real
/// `dotnet msbuild` (no restore, no compiler): a build that should write a deployment folder
/// but cannot find the task fails with FLOW5011 instead of succeeding without the folder; with
/// the task, the lock file is written by default and a signing key signs the manifest.
/// </summary>
public sealed class DeploymentTargetsTests : IDisposable
{
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();
    private string Project(bool withDiagram, string extraProperties = "", string extraItems = "")
    {
        var targets = Path.Combine(RepositoryPaths.Root, "src", "Flow.Generators", "build", "Flow.Deployment.targets");
        File.WriteAllText(Path.Combine(_temp.Path, "order.bpmn"), "<definitions />");
        var project = Path.Combine(_temp.Path, "flows.proj");
        File.WriteAllText(project, $"""
            <Project>
              <PropertyGroup>
                <AssemblyName>Flows</AssemblyName>
                <OutDir>bin/</OutDir>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
                <BuildingProject>true</BuildingProject>
                {(extraProperties.Contains("FlowBuildTasksDirectory", StringComparison.Ordinal) ? "" : "<FlowBuildTasksDirectory>$(MSBuildProjectDirectory)/no-such-folder/</FlowBuildTasksDirectory>")}
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <AdditionalFiles Include="order.bpmn" Condition="{(withDiagram ? "true" : "false")}" />
                {extraItems}
              </ItemGroup>
              <Import Project="{targets}" />
              <Target Name="Build" />
            </Project>
            """);
        return project;
    }

    private static (int ExitCode, string Output) Build(string project) =>
        new DotnetCli(packagesDirectory: null).Run(Path.GetDirectoryName(project)!, "msbuild", project, "-t:Build", "-nologo", "-nodeReuse:false");

    [Fact]
    public void A_missing_task_assembly_fails_the_build_with_FLOW5011()
    {
        var (exitCode, output) = Build(Project(withDiagram: true));

        Assert.True(exitCode != 0, "the build must fail:\n" + output);
        Assert.Contains("error FLOW5011", output, StringComparison.Ordinal);
        Assert.Contains("no-such-folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_diagrams_or_with_deployment_off_a_missing_task_is_no_error()
    {
        var (noDiagrams, output) = Build(Project(withDiagram: false));
        Assert.True(noDiagrams == 0, output);

        var (off, outputOff) = Build(Project(withDiagram: true, "<EnableFlowDeployment>false</EnableFlowDeployment>"));
        Assert.True(off == 0, outputOff);
    }

    [Fact]
    public void The_targets_write_a_signed_deployment_and_a_lock_file_by_default()
    {
        // The real task (this build's), where the package puts it; this test assembly, which
        // carries [FlowProcess] fixtures, stands in for the flow assembly.
        var tasks = Directory.CreateDirectory(Path.Combine(_temp.Path, "tasks", "net8.0")).FullName;
        File.Copy(typeof(DeploymentWriter).Assembly.Location, Path.Combine(tasks, "Flow.Build.Tasks.dll"));
        var flow = Path.Combine(_temp.Path, "Fixtures.dll");
        File.Copy(typeof(DeploymentTargetsTests).Assembly.Location, flow);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var keyFile = Path.Combine(_temp.Path, "signing.pem");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        var project = Project(
            withDiagram: true,
            $"<FlowBuildTasksDirectory>{_temp.Path}/tasks/</FlowBuildTasksDirectory><TargetPath>{flow}</TargetPath><TargetFileName>Fixtures.dll</TargetFileName><FlowSigningKeyFile>{keyFile}</FlowSigningKeyFile>",
            $"<IntermediateAssembly Include=\"{flow}\" />");

        var (exitCode, output) = Build(project);

        Assert.True(exitCode == 0, output);
        var deployment = Path.Combine(_temp.Path, "bin", "flow-deployment");
        Assert.True(File.Exists(Path.Combine(_temp.Path, "flow-lock.json")), "the lock file is on by default:\n" + output);
        global::Flow.Deployment.ManifestSignature.Verify(
            deployment,
            global::Flow.Deployment.ManifestReader.Read(deployment),
            global::Flow.Deployment.ManifestTrust.FromPem(new[] { key.ExportSubjectPublicKeyInfoPem() }));
    }

    public void Dispose() => _temp.Dispose();
}
