using AnimeGan.Core.Batches;

namespace AnimeGan.Core.Tests.BatchConverterTests
{
    /// <summary>A folder of small photos for batch tests, and what a batch left in its output folder.</summary>
    internal sealed class BatchFolder : IDisposable
    {
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();

        public BatchFolder(int photos, params int[] broken)
        {
            Directory.CreateDirectory(Output);
            for (var i = 0; i < photos; i++)
            {
                var path = _folder.File($"p{i}.jpg");
                if (broken.Contains(i))
                    File.WriteAllText(path, "not a photo");
                else
                    TestImages.WritePhoto(i % 2 == 0 ? TestFiles.Square : TestFiles.Rickshaw, path, 96);
            }
        }

        public string Output => _folder.File("out");

        public BatchInput[] Inputs => Directory.GetFiles(_folder.Path, "*.jpg").OrderBy(p => p, StringComparer.Ordinal).Select(p => new BatchInput(p)).ToArray();

        public static BatchOptions Options(string destination, int jobs = 2) => new BatchOptions
        {
            Destination = destination,
            Jobs = jobs,
            Stylize = new StylizeOptions { MaxSize = 64, Faces = false },
        };

        /// <summary>The finished outputs: every visible file in the output folder.</summary>
        public string[] Outputs() => Directory.GetFiles(Output).Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        /// <summary>Hidden temporary files left anywhere in the test folder.</summary>
        public string[] TemporaryFiles() => Directory.GetFiles(_folder.Path, ".*", SearchOption.AllDirectories);

        public void Dispose() => _folder.Dispose();
    }
}
