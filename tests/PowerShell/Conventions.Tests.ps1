BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $Fast = @{ MaxSize = 64; NoFaceEnhancement = $true; ModelsPath = $Models }
    $Portrait = Join-Path $Shared 'images' 'portraits' '0.jpg'

    # What a user sees in a terminal: a fresh pwsh prints the "What if" lines and the errors to its output.
    function Invoke-Fresh([string] $Script) {
        $full = "Import-Module '$ModuleManifest' -ErrorAction Stop; `$ErrorView = 'NormalView'; $Script"
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $full 2>&1 | ForEach-Object { "$_" }
    }
}

Describe '-WhatIf and -Confirm say what the real run does' {
    BeforeEach {
        $work = New-TestFolder
        Copy-Item $Photo (Join-Path $work 'a.jpg')
        Copy-Item $Street (Join-Path $work 'b.jpg')
    }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'names an existing output as skipped, and the style that would run' {
        Set-Content -Path (Join-Path $work 'a_anime.jpg') -Value 'keep me'
        $lines = Invoke-Fresh "Convert-ToAnime '$work/a.jpg', '$work/b.jpg' -ModelsPath '$Models' -WhatIf"
        $lines | Should -HaveCount 2
        $lines[0] | Should -BeLike "What if: Skip '*a.jpg':*a_anime.jpg: already exists; not replaced. Use -Force to replace it."
        $lines[1] | Should -BeLike "What if:*Convert '*b.jpg' to anime style 'hayao'*b_anime.jpg*"
        Get-Content (Join-Path $work 'a_anime.jpg') | Should -Be 'keep me'
        Get-ChildItem $work | Should -HaveCount 3
    }

    It 'refuses <style> as a style before any What-if line, listing styles only' -TestCases @(
        @{ style = 'nosuch'; says = "-Style 'nosuch' is not a known style; choose one of: hayao, shinkai*" },
        @{ style = 'retinaface'; says = "-Style 'retinaface' is a face detector, not a style; choose one of: hayao, shinkai*" }
    ) {
        param($style, $says)
        $lines = Invoke-Fresh "Convert-ToAnime '$work/*.jpg' -Style $style -ModelsPath '$Models' -WhatIf"
        $lines | Where-Object { $_ -like 'What if:*' } | Should -BeNullOrEmpty
        $message = $lines | Where-Object { $_ -like '*-Style*' } | Select-Object -First 1
        $message | Should -BeLike "*$says"
        $message | Should -Not -Match 'retinaface, |yunet'
    }

    It 'stops on a bad style before the first -Confirm prompt' {
        # NonInteractive: a prompt would fail with its own error, not the style's.
        $error.Clear()
        { Convert-ToAnime (Join-Path $work 'a.jpg') -Style nosuch -ModelsPath $Models -Confirm -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnknownModel,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
        Get-ChildItem $work | Should -HaveCount 2
    }

    It 'warns that a video stays a video when -Format names a still format' {
        $clip = Join-Path $work 'clip.mp4'
        & ffmpeg -v error -y -f lavfi -i testsrc2=size=96x64:rate=5:duration=1 -c:v libx264 -pix_fmt yuv420p $clip
        $result = Convert-ToAnime $clip -Format jpg -MaxSize 64 -ModelsPath $Models -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Name | Should -Be 'clip_anime.mp4'
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike '*clip.mp4 is a video: it is written as MP4, not JPG*'
    }
}

Describe 'Errors a script can catch and read' {
    BeforeEach { $work = New-TestFolder }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'throws a type the script can name in catch, with the error code' {
        Set-Content -Path (Join-Path $work 'broken.jpg') -Value 'not a photo'
        $caught = $null
        try { Convert-ToAnime (Join-Path $work 'broken.jpg') @Fast -ErrorAction Stop }
        catch [AnimeGan.PowerShell.AnimeGanModuleException] { $caught = $_.Exception }
        $caught | Should -Not -BeNullOrEmpty
        $caught.ErrorCode | Should -Be 'UnsupportedFormat'
        $caught.Path | Should -Be (Join-Path $work 'broken.jpg')
    }

    It 'says a folder is a folder, and how to convert its photos (<how>)' -TestCases @(
        @{ how = 'by -Path' }, @{ how = 'from Get-Item' }
    ) {
        param($how)
        $null = if ($how -eq 'by -Path') {
            Convert-ToAnime $work @Fast -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        else {
            Get-Item $work | Convert-ToAnime @Fast -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PathIsAFolder*'
        "$($failures[0])" | Should -BeLike "*'$work' is a folder; *Get-ChildItem -LiteralPath '$work' -File | Convert-ToAnime*"
    }

    It 'says a path of another provider is not a file-system path' {
        Convert-ToAnime -LiteralPath Variable:/PWD @Fast -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath*'
        "$($failures[0])" | Should -Be "'Variable:/PWD' is on the Variable provider; only file-system paths can be converted."
    }

    It 'raises one exception type for a missing file, by -Path or by -LiteralPath' {
        $missing = Join-Path $work 'missing.jpg'
        Convert-ToAnime -Path $missing @Fast -ErrorVariable byPath -ErrorAction SilentlyContinue
        Convert-ToAnime -LiteralPath $missing @Fast -ErrorVariable byLiteral -ErrorAction SilentlyContinue
        $byPath[0].Exception | Should -BeOfType ([Management.Automation.ItemNotFoundException])
        $byLiteral[0].Exception | Should -BeOfType ([Management.Automation.ItemNotFoundException])
        $byLiteral[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound*'
    }
}

Describe 'Convert-ToAnime -Shard' {
    BeforeEach {
        $work = New-TestFolder
        1..6 | ForEach-Object { Copy-Item $Photo (Join-Path $work "p$_.jpg") }
    }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'gives each photo to one worker, and a worker started again skips what it wrote' {
        $out = Join-Path $work 'out'
        $parts = 0..2 | ForEach-Object { , @(Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -Shard "$_/3" -Destination $out @Fast) }
        ($parts | ForEach-Object { $_ } | ForEach-Object SourcePath | Sort-Object) | Should -Be (Get-ChildItem $work -Filter *.jpg | Sort-Object FullName).FullName
        Get-ChildItem $out | Should -HaveCount 6
        $again = Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -Shard 0/3 -Destination $out @Fast -ErrorVariable failures -Verbose 4>&1
        $failures | Should -BeNullOrEmpty
        @($again | Where-Object { $_ -is [AnimeGan.PowerShell.ConversionRecord] }) | Should -HaveCount 0
        @($again | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like '*: skipped, *exists' }) | Should -HaveCount $parts[0].Count
    }

    It 'refuses a -Destination that is a file, in words' {
        $file = Join-Path $work 'not-a-folder.txt'
        Set-Content -Path $file -Value x
        { Convert-ToAnime (Join-Path $work 'p1.jpg') -Destination $file @Fast } | Should -Throw -ErrorId 'DestinationIsAFile,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
    }

    It 'takes the format names the command line takes' {
        $converted = Convert-ToAnime (Join-Path $work 'p1.jpg') -Format jpeg -Suffix _jpeg @Fast
        $converted.OutputPath | Should -BeLike '*p1_jpeg.jpg'
    }

    It 'refuses a shard that does not exist' {
        { Convert-ToAnime (Join-Path $work 'p1.jpg') -Shard 3/3 @Fast } | Should -Throw -ErrorId 'InvalidShard,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
        try { Convert-ToAnime (Join-Path $work 'p1.jpg') -Shard 3/3 @Fast } catch { $_.Exception.Message | Should -Be '-Shard: There is no shard 3/3: the count must be at least 1 and the index from 0 to count - 1.' }
    }
}

Describe 'PowerShell conventions' {
    BeforeEach {
        $work = New-TestFolder
        Copy-Item $Photo (Join-Path $work 'a.jpg')
    }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'takes style ids from the pipeline, as text or as records' {
        $styles = 'hayao' | Get-AnimeStyle -ModelsPath $Models -ErrorVariable failures
        $failures | Should -BeNullOrEmpty
        $styles | Should -HaveCount 1
        $styles.Id | Should -Be 'hayao'
        (Get-AnimeStyle shinkai -ModelsPath $Models | Get-AnimeStyle -ModelsPath $Models).Id | Should -Be 'shinkai'
        ('hayao', 'cute' | Get-AnimeStyle -ModelsPath $Models).Id | Should -Be @('hayao', 'cute')
    }

    It 'turns its records into the text a user would type' {
        $record = Convert-ToAnime -LP (Join-Path $work 'a.jpg') @Fast
        "$record" | Should -Be (Join-Path $work 'a_anime.jpg')
        "$(Get-AnimeStyle hayao -ModelsPath $Models)" | Should -Be 'hayao'
    }

    It 'shows faces in a table, landmarks as points that read the same in any culture' {
        $faces = Get-AnimeFace -LP $Portrait -ModelsPath $Models
        $faces | Should -Not -BeNullOrEmpty
        $faces[0].Landmarks | Should -HaveCount 5
        $faces[0].Landmarks[0].X | Should -BeOfType ([single])
        "$($faces[0])" | Should -Be "$Portrait (face 0)"
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            "$($faces[0].Landmarks[0])" | Should -Match '^\(\d+(\.\d+)?, \d+(\.\d+)?\)$'
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
        (Get-FormatData AnimeGan.PowerShell.AnimeFaceInfo).FormatViewDefinition.Control | Should -BeOfType ([Management.Automation.TableControl])
        $table = $faces | Format-Table | Out-String -Width 80
        $table | Should -Match 'Name\s+Index\s+X\s+Y\s+Width\s+Height\s+Score'
    }

    It 'exports faces and records as plain values: the landmarks as points in a CSV cell, the time as seconds in JSON' {
        $csv = Join-Path $work 'faces.csv'
        Get-AnimeFace -LP $Portrait -ModelsPath $Models | Export-Csv -Path $csv
        $row = @(Import-Csv $csv)[0]
        $row.Landmarks | Should -Match '^(\(\d+(\.\d+)?, \d+(\.\d+)?\) ?){5}$'
        $json = Convert-ToAnime -LP (Join-Path $work 'a.jpg') @Fast | ConvertTo-Json | ConvertFrom-Json
        $json.Seconds | Should -BeOfType ([double])
        $json.PSObject.Properties.Name | Should -Not -Contain 'Duration'
    }

    It 'keeps its record types in one namespace' {
        foreach ($command in 'Convert-ToAnime', 'Get-AnimeStyle', 'Get-AnimeFace', 'Install-AnimeModel') {
            (Get-Command $command).OutputType.Type.Namespace | Should -Be 'AnimeGan.PowerShell'
        }
    }

    It 'returns records in input order, whatever finishes first' {
        # A clip first: its 20 frames finish well after the small photos behind it.
        & ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=10:duration=2 -c:v libx264 -pix_fmt yuv420p (Join-Path $work '0-clip.mp4')
        1..3 | ForEach-Object { Copy-Item $Photo (Join-Path $work "$_-photo.jpg") }
        $inputs = Get-ChildItem $work -Filter '*-*' | Sort-Object Name
        $results = $inputs | Convert-ToAnime -ThrottleLimit 2 -NoFaceEnhancement -ModelsPath $Models -MaxSize 64 -Destination (Join-Path $work 'out')
        $results.SourcePath | Should -Be $inputs.FullName
    }

    It 'tells with -Verbose what ran for each photo' {
        $verbose = Convert-ToAnime (Join-Path $work 'a.jpg') -MaxSize 64 -NoFaceEnhancement -ModelsPath $Models -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -notlike 'Performing the operation*' }
        $verbose | Should -HaveCount 1
        "$verbose" | Should -Match "a\.jpg: style hayao \((float|int8)\) at \d+x\d+, 0 faces found, \d+\.\d\d s; wrote .*a_anime\.jpg$"
    }

    It 'documents videos, input order and catching errors in its help' {
        $help = Get-Help Convert-ToAnime -Full | Out-String -Width 200
        $help | Should -Match 'video'
        $help | Should -Match 'input order'
        $help | Should -Match 'AnimeGanModuleException'
        $help | Should -Match '-LP|LP\b'
    }
}
