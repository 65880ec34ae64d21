package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WordTrieTest {
    private final WordTrie trie = new WordTrie(Set.of("SEMI", "DATE_PART", "DATEADD", "IF2"));

    @Test
    void findsAWordInAnyCaseInsideALongerText() {
        String sql = "select semi, Date_Part, dAtEaDd, if2 from t";
        assertTrue(trie.containsIgnoreCase(sql, 7, 11));
        assertTrue(trie.containsIgnoreCase(sql, 13, 22));
        assertTrue(trie.containsIgnoreCase(sql, 24, 31));
        assertTrue(trie.containsIgnoreCase(sql, 33, 36));
    }

    @Test
    void prefixesExtensionsAndOtherCharactersAreNotWords() {
        assertFalse(trie.containsIgnoreCase("sem", 0, 3));
        assertFalse(trie.containsIgnoreCase("semis", 0, 5));
        assertFalse(trie.containsIgnoreCase("date", 0, 4));
        assertFalse(trie.containsIgnoreCase("", 0, 0));
        assertFalse(trie.containsIgnoreCase("s\u00e9mi", 0, 4));
        // upper-casing U+017F gives 'S', but no lexer reads it as the keyword's letter
        assertFalse(trie.containsIgnoreCase("\u017femi", 0, 4));
    }

    @Test
    void refusesWordsItCouldNeverFind() {
        assertThrows(IllegalArgumentException.class, () -> new WordTrie(Set.of("<=>")));
    }
}
