namespace Flow.Build.Tasks.Sharing;

/// <summary>
/// What is never copied into a deployment folder, whatever the project sets: the host loads
/// Flow.Runtime, so it provides Flow.Runtime's whole dependency closure (see
/// <see cref="PackageClosure"/>), and the Microsoft.Extensions.*.Abstractions contracts that host
/// services (ILogger&lt;T&gt;, IOptions&lt;T&gt;, IServiceProvider, …) are typed with.
/// FlowSharedPackageIds and FlowSharedAssemblyNames add to these; they cannot remove them.
/// The runtime's load context makes the same decision (Flow.Runtime's HostContracts).
/// </summary>
public static class HostProvided
{
    public const string ExtensionsContracts = "Microsoft.Extensions.*.Abstractions";

    /// <summary>Package ids (and '*' patterns) whose dependency closure is shared too.</summary>
    public static readonly string[] PackageIds = { "Flow.Runtime", "Flow.Generators", ExtensionsContracts };

    /// <summary>Assembly names (and '*' patterns), for files that carry no package id (project references).</summary>
    public static readonly string[] AssemblyNames = { "Flow.Runtime", ExtensionsContracts };
}
