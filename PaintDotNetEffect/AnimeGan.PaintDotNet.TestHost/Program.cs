using AnimeGan.PaintDotNet.TestHost;
using PaintDotNet.Effects;

// Usage: AnimeGan.PaintDotNet.TestHost <plugin DLL> <effect type>
// Loads the plugin from its folder in a load context of its own, renders a drawn 160x120 picture with the
// effect's default settings, and says how many colour values changed: a process that runs an effect as
// Paint.NET does, so tests can see what the effect leaves behind outside the picture.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: AnimeGan.PaintDotNet.TestHost <plugin DLL> <effect type>");
    return 2;
}

var context = new PluginLoadContext(Path.GetFullPath(args[0]));
var effectType = context.LoadFromAssemblyPath(Path.GetFullPath(args[0])).GetType(args[1], throwOnError: true)!;
var effect = (PropertyBasedBitmapEffect)Activator.CreateInstance(effectType, nonPublic: true)!;

const int width = 160, height = 120;
var bgra = new byte[width * height * 4];
for (var y = 0; y < height; y++)
{
    for (var x = 0; x < width; x++)
    {
        var i = ((y * width) + x) * 4;
        bgra[i] = (byte)(x * 255 / width);
        bgra[i + 1] = (byte)(y * 255 / height);
        bgra[i + 2] = (byte)(((x / 20) + (y / 20)) % 2 * 200);
        bgra[i + 3] = 255;
    }
}

using var host = new EffectHost(bgra, width, height);
var rendered = host.Render(effect, effect.CreatePropertyCollection());
var changed = rendered.Where((b, i) => i % 4 != 3 && b != bgra[i]).Count();
Console.WriteLine($"changed {changed} of {width * height * 3} colour values");
return 0;
