"""The build marks words in the other language with their own `lang` (gen/site/langpass.py)."""

from gen.site.langpass import mark_page

KO = ('<html><body><nav>Skip</nav><article class="md-typeset"><h1>CS231n 4강</h1>'
      '<p>상류 기울기(upstream gradient)는 <code>gen/examples.yml</code>에, <a href="x">DICE Lab</a> &amp; 박주찬 '
      '<span class="arithmatex"><mjx-container>ReLU</mjx-container></span><svg><text>both-on</text></svg></p><br>'
      '</article></body></html>')


def test_korean_page_marks_english_runs_and_code():
    out = mark_page(KO, "ko")
    assert '<h1><span lang="en">CS231n</span> 4강</h1>' in out
    assert '기울기(<span lang="en">upstream gradient</span>)는' in out
    assert '<code lang="en">gen/examples.yml</code>' in out
    assert '<a href="x"><span lang="en">DICE Lab</span></a> &amp; 박주찬' in out
    # math, figures and everything outside the article stay as they were
    assert "<mjx-container>ReLU</mjx-container>" in out and "<svg><text>both-on</text></svg>" in out
    assert out.startswith("<html><body><nav>Skip</nav>") and out.count("lang=") == 4


def test_english_page_marks_hangul_runs():
    out = mark_page("<article><p>the note by 박주찬 (DICE Lab, 한국기술교육대학교 컴퓨터공학부)</p></article>", "en")
    assert out == ('<article><p>the note by <span lang="ko">박주찬</span> (DICE Lab, '
                   '<span lang="ko">한국기술교육대학교 컴퓨터공학부</span>)</p></article>')


def test_page_without_article_is_unchanged():
    assert mark_page("<p>ReLU</p>", "ko") == "<p>ReLU</p>"


def test_code_blocks_and_marked_elements():
    out = mark_page('<article><pre><code>import numpy</code></pre><p lang="en">ReLU here</p><p>끝 ReLU</p></article>', "ko")
    assert out == ('<article><pre lang="en"><code>import numpy</code></pre><p lang="en">ReLU here</p>'
                   '<p>끝 <span lang="en">ReLU</span></p></article>')
