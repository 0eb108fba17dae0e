using System;
using System.Collections.Generic;
using System.Reflection;
using Flow.Deployment;

namespace Flow.Compilation;

/// <summary>How a <see cref="ContentDeployer"/> compiles and deploys diagrams' text.</summary>
public sealed class ContentDeployerOptions
{
    /// <summary>The longest one diagram may take to compile (FLOW6251 after it; default 30 s).</summary>
    public TimeSpan CompileTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The host's contract assemblies a diagram may name (a <c>flow:dataType</c>, types of
    /// variables): the allow-list beyond the framework assemblies and Flow.Runtime. They must be
    /// shared with flows (loaded in the default context), as for built deployments.
    /// </summary>
    public IList<Assembly> SharedAssemblies { get; } = new List<Assembly>();

    /// <summary>The framework assemblies referenced, by simple name (default: <see cref="ContentReferences.DefaultFrameworkAssemblies"/>).</summary>
    public IList<string> FrameworkAssemblies { get; } = new List<string>(ContentReferences.DefaultFrameworkAssemblies);

    /// <summary>The namespace of the generated process classes.</summary>
    public string Namespace { get; set; } = "Flow.Content";

    /// <summary>The deployment settings every content deployment gets (Camunda's processes.xml settings).</summary>
    public ManifestSettings Settings { get; set; } = new();
}
