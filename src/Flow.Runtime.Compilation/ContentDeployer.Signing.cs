using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Flow.Deployment;
using Flow.Deployment.Storage;

namespace Flow.Compilation;

/// <summary>
/// Signed content (the manifest signing of <c>TrustedManifestKeys</c>, applied to a diagram's text):
/// when the registry trusts keys, every submitted text must carry a signature by one of them
/// (<see cref="BpmnContent.Signature"/>), checked before anything compiles. The signature is kept
/// with the text in the stored deployment (<c>key.bpmn.sig</c>), so a node that loads the version
/// from a deployment store checks it too, and checks that the assembly is what the signed texts
/// compile to (compilation is deterministic) before it trusts the unsigned manifest.
/// </summary>
public sealed partial class ContentDeployer
{
    private const string SignatureSuffix = ".sig";

    /// <summary>Hashes of assemblies this deployer compiled from texts whose signatures it checked, while the registry deploys them.</summary>
    private readonly HashSet<string> _vouched = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The refusals of the batch's unsigned or wrongly signed members (none when the registry trusts no keys).</summary>
    private List<(BpmnContent Content, Exception Error)> SignatureFailures(IEnumerable<BpmnContent> batch)
    {
        var failures = new List<(BpmnContent, Exception)>();
        var trust = _registry.ManifestTrust;
        if (!trust.IsRequired)
        {
            return failures;
        }

        foreach (var content in batch)
        {
            var origin = content.Origin ?? "content://" + content.Key;
            if (content.Signature is null)
            {
                failures.Add((content, new ContentCompilationException(
                    CompilationErrors.Unsigned,
                    $"The diagram '{content.Key}' of deployment '{content.Name}' ({origin}) is not signed, and this host requires content signed by a trusted key (TrustedManifestKeys); nothing was compiled or deployed, what is live stays live.",
                    Array.Empty<ContentDiagnostic>())));
            }
            else if (ManifestSignature.Check(Encoding.UTF8.GetBytes(content.Text), Encoding.UTF8.GetBytes(content.Signature), trust) is { } reason)
            {
                failures.Add((content, new ContentCompilationException(
                    CompilationErrors.SignatureInvalid,
                    $"The signature of diagram '{content.Key}' of deployment '{content.Name}' ({origin}) is not valid: {reason}; nothing was compiled or deployed, what is live stays live.",
                    Array.Empty<ContentDiagnostic>())));
            }
        }

        return failures;
    }

    /// <summary>
    /// The registry's <see cref="DeploymentRegistry.UnsignedDeploymentVerifier"/>: a version whose
    /// manifest is not signed is trusted when it holds diagram texts, each with a valid signature
    /// by a trusted key, and its assembly is what those texts compile to here (known at once for
    /// what this deployer just compiled; compiled again for a version another node stored).
    /// </summary>
    private bool VouchForContent(DeploymentManifest manifest, IReadOnlyDictionary<string, byte[]> files)
    {
        var texts = manifest.Files.Where(f => f.Path.EndsWith(BpmnSuffix, StringComparison.OrdinalIgnoreCase)).ToList();
        if (texts.Count == 0)
        {
            return false;   // not a content deployment: FLOW6030 stands
        }

        var contents = new List<BpmnContent>();
        foreach (var file in texts)
        {
            var path = file.Path.Replace('\\', '/');
            var key = KeyOfFile(path);
            if (!files.TryGetValue(path + SignatureSuffix, out var signature))
            {
                throw new FlowDeploymentException(CompilationErrors.Unsigned, $"Deployment '{manifest.Name}' version {manifest.Version}: the diagram '{key}' carries no signature ({path}{SignatureSuffix}), and this host requires content signed by a trusted key; nothing of it was loaded.");
            }

            if (ManifestSignature.Check(files[path], signature, _registry.ManifestTrust) is { } reason)
            {
                throw SignatureInvalid(manifest, $"the signature of diagram '{key}' is not valid: {reason}");
            }

            contents.Add(new BpmnContent(key, Encoding.UTF8.GetString(files[path])) { DeploymentName = manifest.Name });
        }

        var assemblyHash = manifest.Files.First(f => string.Equals(f.Path.Replace('\\', '/'), manifest.Assembly.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase)).Sha256;
        lock (_vouched)
        {
            if (_vouched.Contains(assemblyHash))
            {
                return true;
            }
        }

        byte[] compiled;
        try
        {
            using var limit = new CancellationTokenSource(_options.CompileTimeout);
            compiled = contents.Count == 1 && manifest.Assembly == ContentCompiler.AssemblyNameOf(contents[0]) + ".dll"
                ? _compiler.Value.Compile(contents[0], limit.Token).Assembly
                : _compiler.Value.CompileAll(manifest.Name, contents, limit.Token).Assembly;
        }
        catch (Exception ex) when (ex is ContentCompilationException or OperationCanceledException)
        {
            throw SignatureInvalid(manifest, $"its signed diagrams do not compile on this node ({ex.Message})");
        }

        return Sha256(compiled) == assemblyHash.ToLowerInvariant()
            ? true
            : throw SignatureInvalid(manifest, "its assembly is not what its signed diagrams compile to on this node (another compiler or other options, or the assembly was replaced)");
    }

    private static FlowDeploymentException SignatureInvalid(DeploymentManifest manifest, string reason) =>
        new(CompilationErrors.SignatureInvalid, $"Deployment '{manifest.Name}' version {manifest.Version}: {reason}; nothing of it was loaded.");

    /// <summary>Marks the prepared assemblies as compiled from checked texts while the registry deploys them.</summary>
    private IDisposable Vouching(IEnumerable<StoredDeployment> deployments)
    {
        var hashes = deployments.Select(AssemblyHash).ToList();
        lock (_vouched)
        {
            hashes.ForEach(h => _vouched.Add(h));
        }

        return new Release(() =>
        {
            lock (_vouched)
            {
                hashes.ForEach(h => _vouched.Remove(h));
            }
        });
    }

    private static string AssemblyHash(StoredDeployment deployment)
    {
        var manifest = System.Text.Json.JsonSerializer.Deserialize<DeploymentManifest>(deployment.ManifestJson)!;
        return manifest.Files.First(f => f.Path == manifest.Assembly).Sha256;
    }

    /// <summary>The signature file of a diagram's text, when it has one.</summary>
    private static void AddSignature(BpmnContent content, string textFile, DeploymentManifest manifest, Dictionary<string, byte[]> files)
    {
        if (content.Signature is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(content.Signature);
        var path = textFile + SignatureSuffix;
        files[path] = bytes;
        manifest.Files.Add(new ManifestFile { Path = path, Size = bytes.Length, Sha256 = Sha256(bytes) });
    }

    private sealed class Release(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
