using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Flow.Deployment;

/// <summary>Verifies a deployment folder and loads it into its own collectible context.</summary>
internal static class DeploymentLoader
{
    public static DeployedVersion Load(string folder, DeploymentManifest manifest, ISet<string> shared, long activation)
    {
        DeploymentVerifier.Verify(folder, manifest);
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var assemblies = manifest.Files
            .Where(f => f.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(
                f => Path.GetFileNameWithoutExtension(f.Path),
                f => (DeploymentVerifier.FullPath(root, manifest.Name, f.Path), f.Sha256),
                StringComparer.OrdinalIgnoreCase);
        var main = Path.GetFileNameWithoutExtension(manifest.Assembly);

        var context = new FlowLoadContext(manifest.Name, manifest.Version, assemblies, shared);
        try
        {
            var assembly = context.LoadVerified(main);
            var types = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var process in manifest.Processes)
            {
                var type = assembly.GetType(process.Type, throwOnError: false);
                if (type is null || !typeof(IFlowProcess).IsAssignableFrom(type))
                {
                    throw FlowDeploymentException.LoadFailed(manifest.Name, $"the type '{process.Type}' of process '{process.Key}' is not a flow process in {manifest.Assembly}");
                }

                var declared = type.GetCustomAttribute<FlowProcessAttribute>();
                if (declared?.Key != process.Key || declared.DefinitionHash != process.DefinitionHash)
                {
                    throw FlowDeploymentException.LoadFailed(manifest.Name, $"the type '{process.Type}' does not declare process '{process.Key}' with the manifest's definition hash");
                }

                types.Add(process.Key, type);
            }

            return new DeployedVersion(manifest, folder, context, assembly, types, activation);
        }
        catch (Exception ex) when (ex is not FlowDeploymentException)
        {
            context.Unload();
            throw FlowDeploymentException.LoadFailed(manifest.Name, ex.Message, ex);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }
}
