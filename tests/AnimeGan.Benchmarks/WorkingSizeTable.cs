using System.Diagnostics;

namespace AnimeGan.Benchmarks
{
    /// <summary>Per-image stylize time at several working sizes for every style: how the default size was chosen.</summary>
    internal static class WorkingSizeTable
    {
        public static void Run(int repeats)
        {
            var engine = TestModels.Engine;
            var photo = TestImages.Photo(System.IO.Path.Combine(TestFiles.Scenes, "v3_6.jpg"), 1536);
            var sizes = new[] { 512, 768, 1024, 1536 };
            Console.WriteLine($"Stylize a {photo.Width}x{photo.Height} photo, model at long side N (median of {repeats} after one warm-up), {Environment.ProcessorCount} cores");
            Console.WriteLine("| style | family | " + string.Join(" | ", sizes.Select(s => $"{s} px")) + " |");
            Console.WriteLine("|---|---|" + string.Concat(sizes.Select(_ => "---:|")));
            foreach (var style in engine.Store.Manifest.Styles)
            {
                var cells = sizes.Select(size =>
                {
                    var options = new StylizeOptions { Style = style.Id, MaxSize = size };
                    engine.Stylize(photo, options);
                    var times = Enumerable.Range(0, repeats).Select(_ =>
                    {
                        var watch = Stopwatch.StartNew();
                        engine.Stylize(photo, options);
                        return watch.Elapsed.TotalMilliseconds;
                    }).OrderBy(t => t).ToList();
                    return $"{times[times.Count / 2]:0} ms";
                });
                Console.WriteLine($"| {style.Id} | {style.Family} | {string.Join(" | ", cells)} |");
            }
        }
    }
}
