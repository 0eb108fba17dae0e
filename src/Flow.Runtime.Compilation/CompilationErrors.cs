namespace Flow.Compilation;

/// <summary>The FLOW615x and FLOW625x ids of content deployment (documented in docs/diagnostics.md; also in Flow.Deployment.DeploymentErrors).</summary>
public static class CompilationErrors
{
    /// <summary>The host trusts keys and the diagram's text (or a stored content version's) carries no signature; nothing was compiled or deployed.</summary>
    public const string Unsigned = "FLOW6150";

    /// <summary>The text's signature is not valid (another key, text changed after signing, unreadable), or a stored content version's assembly is not what its signed texts compile to.</summary>
    public const string SignatureInvalid = "FLOW6151";

    /// <summary>Other deployers kept taking the version numbers this deployer gave a changed diagram; nothing was deployed.</summary>
    public const string VersionTaken = "FLOW6152";

    /// <summary>The diagram's text has FLOW or C# errors; nothing was deployed.</summary>
    public const string CompilationFailed = "FLOW6250";

    /// <summary>Compiling took longer than <see cref="ContentDeployerOptions.CompileTimeout"/>; nothing was deployed.</summary>
    public const string Timeout = "FLOW6251";

    /// <summary>The diagram's code names an API content may not use (<see cref="ContentApiRules"/>).</summary>
    public const string DeniedApi = "FLOW6252";
}
