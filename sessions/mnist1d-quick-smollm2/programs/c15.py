import torch
import torch.nn as nn
import torch.nn.functional as F

class MetRiter(unittest.TestCase):
    def test_all_tasks(self):
        import unittest
        unittest.set_test_data(open('tests/multi-tasker_rb2.txt', 'a+'))
        all_models = []
        for name, model in self._data.groupby({'test_name': 'model_name'}) | 10:
            tri_type = None
            for model_group in enumerate(
                    numpy.unravel_index(
                        zip([], model.model)
                    )):
        super(TestModel, self).assertEqual(*list(combined_tuple))
        all_multimin1 = [
            [
                all_models[t]
                for t in All_multiSolders.eval()
            ]
            for item in all_multi_statements["data"][all_multi_statements["data"]]
            for item in (
                Callable(*item))
            for t, item in tri_type[t]()
                for name, item in All_multi_Solders.__proto_context(item).props
        )
        total_multi_statements = find_multi_statements["total_multi_statements"]
        expected_multi_statements["partial_multi_statements"] = [
            None
        ]
        self.assertEqual(
            expected_multi_statements["partial_multi_statements"],
            int(lst_multi_statements) + len(lst_multi_statements) +
            (len(lst_multi_statements) * (min(len(lst_multi_statements))) // 2),
        )
        self.assertEqual(
            total_multi_statements
            + self.assertEqual_multi_statements["partial_multi_statements"],
            len(lst_multi_statements) + len(lst_multi_statements)
        )
        all_multimin1 = find_multi_statements["num_multi_statements"]
        expected_multi_statements["num_multi_statements"] = int(
            len(lst_multi_statements) / (len(lst_multi_statements) * 4)
        )
        self.assertEqual(
            expected_multi_statements["num_multi_statements"],
            len(lst_multi_statements) * (len(lst_multi_statements) / 2)
        )
        this_many_multi_statements = []
        for n, n1 in enumerate(list(itertools.chain(all_multi_statements["example"][n1])):[0.000] * 10):
            make_n1 = min((n1[0], n1[1])**2,)
            m1_random = random.random() ** 2
            if m1_random > 0.5:
                random.random() ** 2
                random.random() ** 2 = 1 ** 3
        for item in all_multi_statements["example"][n1]:
            new_n1_statements = []
            for item in nums_to_list_where_token:
                self.assertEqual(3 * 10**2, number_of_n1_token[3 * item])
                new_n1_statements[n1[0]] = nums_to_list_where_token[item].reshape(bullet_size)[bullet_size]
                if new_n1_statements[n1[0]].update_x:
                    new_n1_statements[n1
