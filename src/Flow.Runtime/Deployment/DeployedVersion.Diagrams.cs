using System;
using System.Collections.Generic;
using System.Text;

namespace Flow.Deployment;

public sealed partial class DeployedVersion
{
    /// <summary>
    /// The BPMN text a process of this version was built from, when the version carries it among
    /// its verified files (a content deployment does; a built folder lists only assemblies), else
    /// null. Read from the bytes captured at deploy time, never from the folder.
    /// </summary>
    public string? ReadDiagram(string processKey)
    {
        foreach (var process in Manifest.Processes)
        {
            if (process.Key != processKey || string.IsNullOrEmpty(process.File))
            {
                continue;
            }

            foreach (var file in Manifest.Files)
            {
                if (string.Equals(Normalize(file.Path), Normalize(process.File), StringComparison.Ordinal))
                {
                    return Encoding.UTF8.GetString(Content.FileBytes(file.Path));
                }
            }
        }

        return null;
    }

    /// <summary>The process keys with their definition versions and hashes, as the manifest lists them.</summary>
    public IReadOnlyList<ManifestProcess> Processes => Manifest.Processes;

    private static string Normalize(string path) => path.Replace('\\', '/');
}
