using System.IO.Compression;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Shop.Web;

namespace Flow.Cockpit.Tests.Infrastructure;

/// <summary>Built deployment packages of order-review (as the build writes them: manifest, assembly, diagram), made through a scratch registry with a store.</summary>
public static class Packages
{
    /// <summary>Version <paramref name="version"/> of order-review with <paramref name="edit"/> applied (versions before it are the original text).</summary>
    public static async Task<StoredDeployment> OrderReviewAsync(int version, Func<string, string> edit)
    {
        var store = new InMemoryDeploymentStore();
        var scratch = new DeploymentRegistry { DeploymentStore = store };
        var deployer = new ContentDeployer(scratch, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) });
        for (var v = 1; v < version; v++)
        {
            await deployer.DeployAsync(OrderReview.Key, OrderReview.Text() + new string(' ', v - 1));
        }

        var compiled = await deployer.DeployAsync(OrderReview.Key, edit(OrderReview.Text()));
        Assert.Equal(version, compiled.Version);
        return (await store.LoadAsync(compiled.Name, compiled.Version))!;
    }

    /// <summary>The deployment as a zip, its files at the root or under <paramref name="top"/>.</summary>
    public static byte[] Zip(StoredDeployment deployment, string top = "", IReadOnlyDictionary<string, byte[]>? extra = null)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var files = new Dictionary<string, byte[]>(deployment.Files) { [DeploymentManifest.FileName] = System.Text.Encoding.UTF8.GetBytes(deployment.ManifestJson) };
            foreach (var (path, bytes) in files.Concat(extra ?? new Dictionary<string, byte[]>()))
            {
                using var stream = zip.CreateEntry(top + path).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the deployment as a folder.</summary>
    public static void WriteFolder(StoredDeployment deployment, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, DeploymentManifest.FileName), deployment.ManifestJson);
        foreach (var (path, bytes) in deployment.Files)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
        }
    }
}
