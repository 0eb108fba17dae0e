using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Flow.Deployment;

/// <summary>Loads a deployment's captured, verified bytes into their own collectible context.</summary>
internal static class DeploymentLoader
{
    public static DeployedVersion Load(string folder, DeploymentContent content, ISet<string> shared, long activation)
    {
        var manifest = content.Manifest;
        var main = Path.GetFileNameWithoutExtension(manifest.Assembly.Replace('\\', '/'));
        var context = new FlowLoadContext(manifest.Name, manifest.Version, content.Assemblies(), shared);
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

            return new DeployedVersion(content, folder, context, assembly, types, activation);
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
