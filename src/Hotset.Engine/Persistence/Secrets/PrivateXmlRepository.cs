using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hotset.Engine.Persistence.Secrets;

/// <summary>The key ring's file repository, with every key file set to mode 0600 once written.</summary>
internal sealed class PrivateXmlRepository(IXmlRepository inner, string directory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => inner.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        inner.StoreElement(element, friendlyName);
        foreach (var file in Directory.EnumerateFiles(directory, "*.xml"))
        {
            PrivateFiles.Tighten(file);
        }
    }
}
