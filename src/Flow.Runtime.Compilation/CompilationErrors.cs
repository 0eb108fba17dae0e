namespace Flow.Compilation;

/// <summary>The FLOW625x ids of content deployment (documented in docs/diagnostics.md; also in Flow.Deployment.DeploymentErrors).</summary>
public static class CompilationErrors
{
    /// <summary>The diagram's text has FLOW or C# errors; nothing was deployed.</summary>
    public const string CompilationFailed = "FLOW6250";

    /// <summary>Compiling took longer than <see cref="ContentDeployerOptions.CompileTimeout"/>; nothing was deployed.</summary>
    public const string Timeout = "FLOW6251";

    /// <summary>The diagram's code names an API content may not use (<see cref="ContentApiRules"/>).</summary>
    public const string DeniedApi = "FLOW6252";
}
