namespace Flow.Compilation;

/// <summary>
/// A diagram to deploy: the key it is submitted under (the deployment name unless
/// <see cref="DeploymentName"/> says otherwise) and its text, exactly as submitted (the text is
/// what decides whether it is a new version: identical text deploys nothing new).
/// </summary>
public sealed record BpmnContent(string Key, string Text)
{
    /// <summary>The deployment the diagram's processes belong to (default: <see cref="Key"/>).</summary>
    public string? DeploymentName { get; init; }

    /// <summary>Where the text came from, for messages (a file path, a provider's id); default: <c>content://key</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// A detached signature over the text's UTF-8 bytes, in the format of <c>flow-manifest.json.sig</c>
    /// (<c>algorithm</c>, <c>keyId</c>, base64 <c>signature</c>; <see cref="ContentSignature.Sign"/> makes one).
    /// Required when the registry trusts keys (<c>TrustedManifestKeys</c>), ignored otherwise; kept
    /// with the text in the stored deployment (<c>key.bpmn.sig</c>).
    /// </summary>
    public string? Signature { get; init; }

    internal string Name => DeploymentName ?? Key;
}
